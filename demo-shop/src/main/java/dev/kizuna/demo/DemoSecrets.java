package dev.kizuna.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** The demo's keys, kept in {@code kizuna-secrets.properties} (in its data directory unless {@code --secrets-file}). */
final class DemoSecrets {
    static final String FILE = "kizuna-secrets.properties";
    private static final Logger log = LoggerFactory.getLogger(DemoSecrets.class);
    private static final Map<String, String> KIND_OF = Map.of("kizuna.crypto.keys", "ENCRYPTION",
            "kizuna.crypto.index-key", "INDEX", "kizuna.crypto.token-key", "TOKEN");

    private DemoSecrets() {
    }

    /** What the database already holds: whether Kizuna sealed anything there, and the kinds of key it recorded. */
    record Installation(boolean empty, Set<String> recordedKinds) {
        static final Installation NEW = new Installation(true, Set.of());
    }

    /** The keys file a node refuses to make up, since the database holds data sealed with keys it cannot know. */
    static final class Missing extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        Missing(String message) {
            super(message);
        }
    }

    /** Reads, before Kizuna starts, whether the database holds Kizuna data and which kinds of key it recorded. */
    static Installation inspect(String jdbcUrl, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            boolean members;
            try (ResultSet rs = s.executeQuery("SELECT to_regclass('kizuna.member') IS NOT NULL, to_regclass('kizuna.key_check') IS NOT NULL")) {
                rs.next();
                members = rs.getBoolean(1);
                if (!rs.getBoolean(2)) {
                    return new Installation(!members || !any(s, "SELECT 1 FROM kizuna.member LIMIT 1"), Set.of());
                }
            }
            Set<String> kinds = new HashSet<>();
            try (ResultSet rs = s.executeQuery("SELECT DISTINCT kind FROM kizuna.key_check")) {
                while (rs.next()) {
                    kinds.add(rs.getString(1));
                }
            }
            return new Installation(kinds.isEmpty() && (!members || !any(s, "SELECT 1 FROM kizuna.member LIMIT 1")), kinds);
        }
    }

    private static boolean any(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next();
        }
    }

    /**
     * The encryption, blind index and signing keys. A real install takes them from its secret store; the demo keeps
     * them in one file that every node of an installation is started with ({@code --secrets-file}). The file is made
     * only for a database without Kizuna data, and a key it lacks only while the database recorded no key of that
     * kind: a node never makes up keys over data sealed with others. It is created readable by its owner only
     * (0600, set as it is created, never widened after); one found readable by others is narrowed and named in the
     * log, since anyone who read it could open every sealed field.
     *
     * @throws Missing naming the file and what to do, when it would have to make up keys for existing data
     */
    static Map<String, String> load(Path file, Installation db) throws IOException {
        Properties p = new Properties();
        boolean exists = Files.exists(file);
        if (exists) {
            ownerOnly(file);
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            }
        } else if (!db.empty()) {
            throw new Missing("Refusing to start: " + file + " does not exist, and the database already holds Kizuna"
                    + " data sealed with the installation's keys. Start this node with --secrets-file pointing at a copy"
                    + " of the first node's " + FILE + " (keep it mode 0600).");
        }
        SecureRandom random = new SecureRandom();
        boolean added = false;
        for (String key : new String[]{"kizuna.crypto.keys", "kizuna.crypto.index-key", "kizuna.crypto.token-key"}) {
            if (p.getProperty(key) == null) {
                if (db.recordedKinds().contains(KIND_OF.get(key))) {
                    throw new Missing("Refusing to start: " + file + " has no " + key + ", and the database records the"
                            + " installation's one. Copy the line from the first node's " + FILE + ".");
                }
                byte[] bytes = new byte[32];
                random.nextBytes(bytes);
                String value = Base64.getEncoder().encodeToString(bytes);
                p.setProperty(key, switch (key) {
                    case "kizuna.crypto.keys" -> "k1:" + value;
                    case "kizuna.crypto.index-key" -> "i1:" + value;
                    default -> value;
                });
                added = true;
            }
        }
        if (added) {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path fresh = Files.createTempFile(dir, "kizuna-secrets", ".tmp", OWNER_ONLY);
            try (var out = Files.newBufferedWriter(fresh, StandardCharsets.UTF_8)) {
                p.store(out, "Kizuna demo keys: every node of this installation starts with this file");
            }
            Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        Map<String, String> m = new HashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    /** Narrows a secrets file that group or others can read or write (file systems without POSIX modes are left as they are). */
    private static void ownerOnly(Path file) throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        Set<PosixFilePermission> open = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
        open.retainAll(mode);
        if (!open.isEmpty()) {
            log.warn("{} was readable by others ({}); narrowed to owner only: rotate its keys if others may have read it",
                    file, PosixFilePermissions.toString(mode));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
