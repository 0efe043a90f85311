package dev.kizuna.it;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the README's first command runs: the shaded demo jar starts a real PostgreSQL and the shop, prints its ready
 * line, answers its API, and keeps its data across a restart.
 */
class DemoCommandTest {
    static final Path JAR = Path.of("..", "demo-shop", "target", "kizuna-demo-shop.jar");

    Process start(Path data, int port) throws Exception {
        return new ProcessBuilder("java", "-Xmx512m", "-jar", JAR.toString(), "--dev", "--port", Integer.toString(port),
                "--data-dir", data.toString(), "--admin-token", "cmd-token")
                .redirectErrorStream(true).start();
    }

    /** Waits for the ready line of a starting demo (a start that fails or hangs fails the test), then drains its output. */
    static String awaitReady(Process p) throws Exception {
        StringBuilder log = new StringBuilder();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            log.append(line).append('\n');
            if (line.startsWith("Kizuna demo shop ready at ")) {
                Thread drain = new Thread(() -> {
                    try {
                        out.transferTo(java.io.Writer.nullWriter());
                    } catch (java.io.IOException ignored) {
                        // the process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return line;
            }
        }
        throw new AssertionError("no ready line; output was:\n" + log);
    }

    @Test
    void the_demo_jar_prints_its_ready_line_answers_its_api_and_keeps_data_across_restarts() throws Exception {
        assertThat(JAR).as("built by the package phase").exists();
        Path data = Files.createTempDirectory("kizuna-demo-cmd-");
        int port = RunningShop.freePort();
        Process p = start(data, port);
        try {
            assertThat(awaitReady(p)).isEqualTo("Kizuna demo shop ready at http://localhost:" + port + "/");
            ShopClient shop = new ShopClient("http://localhost:" + port, "cmd-token");
            String id = shop.customer("restart@example.jp", "Restart", "1991-03-03");
            assertThat(shop.get("/crm/api/health").status()).isEqualTo(200);
            assertThat(shop.get("/crm/api/jobs").json().size()).isGreaterThanOrEqualTo(2);
            p.destroy();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

            p = start(data, port);
            awaitReady(p);
            ShopClient.Response again = shop.get("/shop/api/customers/" + id);
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.get("email").asText()).isEqualTo("restart@example.jp");
        } finally {
            p.destroy();
            p.waitFor(60, TimeUnit.SECONDS);
        }
    }
}
