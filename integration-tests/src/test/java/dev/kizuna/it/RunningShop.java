package dev.kizuna.it;

import dev.kizuna.demo.DemoShop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One demo shop per test JVM, started in-process exactly as the demo command starts it (dev mode, admin token,
 * embedded PostgreSQL in a fresh data directory), shared by the integration test classes.
 */
final class RunningShop {
    static final String ADMIN_TOKEN = "it-admin-token";
    private static DemoShop shop;

    private RunningShop() {
    }

    static synchronized DemoShop get() {
        if (shop == null) {
            try {
                Path data = Files.createTempDirectory("kizuna-it-");
                int port = freePort();
                shop = DemoShop.start("--port", Integer.toString(port), "--data-dir", data.toString(), "--dev",
                        "--admin-token", ADMIN_TOKEN, "--admin-user", "admin", "--admin-password", "it-console-secret");
                DemoShop started = shop;
                Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            } catch (Exception e) {
                throw new IllegalStateException("the demo shop did not start", e);
            }
        }
        return shop;
    }

    static String baseUrl() {
        return "http://localhost:" + get().port();
    }

    /**
     * A port free now for a server started later, below the ephemeral range (Linux: 32768–60999): a port handed out
     * by the system could be taken meanwhile as the local end of one of the many database connections the nodes open.
     */
    static int freePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(false);
                s.bind(new InetSocketAddress(port));
                return port;
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new UncheckedIOException(new IOException("no free port between 20000 and 32000"));
    }
}
