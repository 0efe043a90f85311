package dev.kizuna.core.testing;

import dev.kizuna.core.Kizuna;
import dev.kizuna.core.KizunaConfig;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.spi.HostPorts;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Installs Kizuna (with every module on the test classpath) on a fresh real database, as a host would: a copy of
 * the migrated template of {@link TestDatabases}.
 * Dev mode (movable clock); the scheduler does not fire on its own unless asked.
 */
public final class TestKizuna {
    public static final String ADMIN_TOKEN = "test-admin-token";

    private TestKizuna() {
    }

    public static Map<String, String> config(String jdbcUrl) {
        Map<String, String> c = new HashMap<>();
        c.put("kizuna.jdbc.url", jdbcUrl);
        c.put("kizuna.jdbc.user", "postgres");
        c.put("kizuna.dev", "true");
        c.put("kizuna.dev.admin-token", ADMIN_TOKEN);
        c.put("kizuna.scheduler.enabled", "false");
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) 7);
        c.put("kizuna.crypto.keys", "k1:" + Base64.getEncoder().encodeToString(key));
        c.put("kizuna.crypto.index-key", "i1:" + Base64.getEncoder().encodeToString("test-blind-index-key-of-32-bytes-or-more".getBytes()));
        c.put("kizuna.crypto.token-key", Base64.getEncoder().encodeToString("test-signing-key-of-32-bytes-or-more!".getBytes()));
        return c;
    }

    public static KizunaRuntime install() {
        return install(new FakeHost(), Map.of());
    }

    public static KizunaRuntime install(HostPorts host, Map<String, String> overrides) {
        Map<String, String> c = config(TestDatabases.freshDatabase());
        c.putAll(overrides);
        return Kizuna.install(host, KizunaConfig.of(c));
    }

    /** Installs Kizuna on an empty database, for tests that need to see the migrations run. */
    public static KizunaRuntime installOnEmptyDatabase() {
        return installNode(new FakeHost(), TestDatabases.emptyDatabase(), Map.of());
    }

    /** A second node on the same database (cluster tests). */
    public static KizunaRuntime installNode(HostPorts host, String jdbcUrl, Map<String, String> overrides) {
        Map<String, String> c = config(jdbcUrl);
        c.putAll(overrides);
        return Kizuna.install(host, KizunaConfig.of(c));
    }
}
