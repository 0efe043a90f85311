package dev.kizuna.core;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything an operator configures. Built from a {@code Map<String,String>} (a properties file, system properties or
 * the host's own config) so every key is documented in one place: see README "Configuration".
 */
public final class KizunaConfig {
    private final Map<String, String> values;

    private KizunaConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static KizunaConfig of(Map<String, String> values) {
        // kizuna.jdbc.url is required unless the host hands Kizuna its pool (Kizuna.installer(…).dataSource(…)).
        return new KizunaConfig(values);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String jdbcUrl() {
        return required("kizuna.jdbc.url");
    }

    public String jdbcUser() {
        return get("kizuna.jdbc.user").orElse("postgres");
    }

    public String jdbcPassword() {
        return get("kizuna.jdbc.password").orElse("");
    }

    public int poolSize() {
        return intValue("kizuna.jdbc.pool-size", 10);
    }

    /** This node's name in the Quartz cluster and in job runs. */
    public String nodeId() {
        return get("kizuna.node-id").orElseGet(() -> "node-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Whether this node runs scheduled jobs (nodes that only serve requests can say false). */
    public boolean schedulerEnabled() {
        return bool("kizuna.scheduler.enabled", true);
    }

    /** A dev install: the shop clock can be moved and {@link #devAdminToken()} is honoured. Never in production. */
    public boolean devMode() {
        return bool("kizuna.dev", false);
    }

    public Optional<String> devAdminToken() {
        return devMode() ? get("kizuna.dev.admin-token") : Optional.empty();
    }

    /** Base URL of the shop as shoppers see it, for links in mails. */
    public String publicBaseUrl() {
        return get("kizuna.public-base-url").orElse("http://localhost:8080");
    }

    /** AES-GCM keys as {@code id:base64,id2:base64}; the first is used for new writes unless current-key says. */
    public Map<String, byte[]> encryptionKeys() {
        Map<String, byte[]> keys = new HashMap<>();
        for (String entry : required("kizuna.crypto.keys").split(",")) {
            String[] kv = entry.trim().split(":", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("kizuna.crypto.keys: expected id:base64 entries");
            }
            keys.put(kv[0], Base64.getDecoder().decode(kv[1]));
        }
        return keys;
    }

    public String currentEncryptionKeyId() {
        return get("kizuna.crypto.current-key")
                .orElseGet(() -> required("kizuna.crypto.keys").split(",")[0].split(":")[0].trim());
    }

    /**
     * The blind index key as {@code id:base64} (≥ 32 bytes), kept apart from the encryption keys: an index is an
     * HMAC under it, so whoever has the database but not this key cannot test a guessed e-mail against the index.
     */
    public String indexKeyId() {
        return indexKeyEntry()[0];
    }

    public byte[] indexKey() {
        return Base64.getDecoder().decode(indexKeyEntry()[1]);
    }

    private String[] indexKeyEntry() {
        String[] kv = required("kizuna.crypto.index-key").trim().split(":", 2);
        if (kv.length != 2 || kv[0].isBlank()) {
            throw new IllegalArgumentException("kizuna.crypto.index-key: expected id:base64");
        }
        return kv;
    }

    /** How long a sent or dead mail keeps its address, subject and body before the purge job blanks them. */
    public int mailRetentionDays() {
        return intValue("kizuna.mail.retention-days", 30);
    }

    public byte[] tokenSigningKey() {
        return Base64.getDecoder().decode(required("kizuna.crypto.token-key"));
    }

    public Optional<String> smtpHost() {
        return get("kizuna.mail.smtp.host");
    }

    public int smtpPort() {
        return intValue("kizuna.mail.smtp.port", 25);
    }

    public String mailFrom() {
        return get("kizuna.mail.from").orElse("no-reply@localhost");
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    public String required(String key) {
        return get(key).orElseThrow(() -> new IllegalArgumentException("missing configuration key " + key));
    }

    public int intValue(String key, int fallback) {
        try {
            return get(key).map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a whole number: " + values.get(key), e);
        }
    }

    public long longValue(String key, long fallback) {
        try {
            return get(key).map(Long::parseLong).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a whole number: " + values.get(key), e);
        }
    }

    public boolean bool(String key, boolean fallback) {
        return get(key).map(Boolean::parseBoolean).orElse(fallback);
    }

    public Map<String, String> asMap() {
        return values;
    }

    public static final class Builder {
        private final Map<String, String> values = new HashMap<>();

        public Builder set(String key, String value) {
            values.put(key, value);
            return this;
        }

        public Builder setAll(Map<String, String> more) {
            values.putAll(more);
            return this;
        }

        public KizunaConfig build() {
            return KizunaConfig.of(values);
        }
    }
}
