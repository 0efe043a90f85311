package dev.kizuna.it;

import dev.kizuna.demo.DemoShop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

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

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
