package dev.kizuna.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kizuna.admin.KizunaServletInitializer;
import dev.kizuna.core.Kizuna;
import dev.kizuna.core.KizunaConfig;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.web.ApiServlet;
import dev.kizuna.core.web.Callers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.flywaydb.core.Flyway;
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
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * A small Broadleaf-style shop with Kizuna dropped in: embedded Jetty 12, a real PostgreSQL (embedded, in a data
 * directory that survives restarts, or external), a catalog, customers, a cart and checkout publishing host events.
 */
public final class DemoShop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoShop.class);
    private final EmbeddedPostgres postgres;
    private final HikariDataSource shopDataSource;
    private final KizunaRuntime kizuna;
    private final Server server;

    private DemoShop(EmbeddedPostgres postgres, HikariDataSource shopDataSource, KizunaRuntime kizuna, Server server) {
        this.postgres = postgres;
        this.shopDataSource = shopDataSource;
        this.kizuna = kizuna;
        this.server = server;
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (DemoOptions.UsageRequested help) {
            System.out.print(DemoOptions.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        DemoShop shop = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(shop::close));
        System.out.println("Kizuna demo shop ready at http://localhost:" + shop.port() + "/");
        System.out.println("  console: http://localhost:" + shop.port() + "/crm/admin/  (user " + options.adminUser() + ")");
        shop.server.join();
    }

    /** Starts everything; used by main and by the integration tests. */
    public static DemoShop start(String... args) throws Exception {
        return start(DemoOptions.parse(args));
    }

    static DemoShop start(DemoOptions o) throws Exception {
        EmbeddedPostgres pg = null;
        String jdbcUrl;
        if (o.jdbcUrl().isPresent()) {
            jdbcUrl = o.jdbcUrl().get();
        } else {
            Files.createDirectories(o.dataDir());
            pg = EmbeddedPostgres.builder()
                    .setDataDirectory(o.dataDir().resolve("postgres"))
                    .setCleanDataDirectory(false)
                    .setPort(0)
                    .start();
            jdbcUrl = pg.getJdbcUrl("postgres", "postgres");
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        hc.setUsername(o.jdbcUser());
        hc.setPassword(o.jdbcPassword());
        hc.setSchema("shop");
        hc.setMaximumPoolSize(6);
        hc.setPoolName("shop");
        Flyway.configure().dataSource(jdbcUrl, o.jdbcUser(), o.jdbcPassword()).schemas("shop").createSchemas(true)
                .table("flyway_history_shop").locations("classpath:db/migration/shop").load().migrate();
        HikariDataSource shopDs = new HikariDataSource(hc);
        ShopStore store = new ShopStore(shopDs);

        KizunaConfig config = KizunaConfig.of(kizunaConfig(o, jdbcUrl));
        KizunaRuntime kizuna = Kizuna.install(new ShopHost(store), config);
        ShopCheckout checkout = new ShopCheckout(store, kizuna);
        if (o.sampleData() && !store.hasCustomers()) {
            new SampleData(store, checkout, kizuna).load();
        }
        if (o.sampleData()) {
            // After the sample orders, so the ready-made survey invites only orders delivered from now on.
            SampleData.starterKit(kizuna);
        }

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(o.port());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        context.setAttribute(KizunaRuntime.SERVLET_CONTEXT_ATTRIBUTE, kizuna);
        // What dropping the jars into a Jakarta web app does through META-INF/services: mount /crm/*.
        context.addServletContainerInitializer(new KizunaServletInitializer());
        Callers nobody = new Callers(new ShopHost(store), Optional.empty());
        context.addServlet(new ServletHolder("shop-api",
                new ApiServlet(() -> ShopApi.routes(store, checkout, kizuna, o.dev()), () -> nobody)), "/shop/api/*");
        context.addServlet(new ServletHolder("shop-pages", new ShopPages(store, checkout, kizuna)), "/shop/*");
        context.addServlet(new ServletHolder("shop-home", new ShopPages(store, checkout, kizuna)), "");
        context.addServlet(new ServletHolder("shop-static", new ShopPages.Static()), "/static/*");
        server.setHandler(context);
        server.start();
        return new DemoShop(pg, shopDs, kizuna, server);
    }

    private static Map<String, String> kizunaConfig(DemoOptions o, String jdbcUrl) throws IOException {
        Map<String, String> c = new HashMap<>(secrets(o));
        c.put("kizuna.jdbc.url", jdbcUrl);
        c.put("kizuna.jdbc.user", o.jdbcUser());
        c.put("kizuna.jdbc.password", o.jdbcPassword());
        c.put("kizuna.node-id", "demo-" + ProcessHandle.current().pid());
        c.put("kizuna.dev", Boolean.toString(o.dev()));
        o.adminToken().ifPresent(t -> c.put("kizuna.dev.admin-token", t));
        o.smtpHost().ifPresent(h -> c.put("kizuna.mail.smtp.host", h));
        c.put("kizuna.mail.smtp.port", Integer.toString(o.smtpPort()));
        c.put("kizuna.mail.from", "shop@kizuna-demo.example");
        c.put("kizuna.public-base-url", "http://localhost:" + o.port());
        c.put("kizuna.console.initial-admin.username", o.adminUser());
        c.put("kizuna.console.initial-admin.password", o.adminPassword());
        return c;
    }

    /**
     * The encryption, blind index and signing keys, made once and kept beside the data (a real install takes them
     * from its secret store); losing them makes encrypted PII unreadable, so they live with the data they protect.
     * The file is created readable by its owner only (0600, set as it is created, never widened after); one found
     * readable by others is narrowed and named in the log, since anyone who read it could open every sealed field.
     */
    private static Map<String, String> secrets(DemoOptions o) throws IOException {
        Path file = o.dataDir().resolve("kizuna-secrets.properties");
        Properties p = new Properties();
        boolean exists = Files.exists(file);
        if (exists) {
            ownerOnly(file);
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            }
        }
        SecureRandom random = new SecureRandom();
        boolean added = false;
        for (String key : new String[]{"kizuna.crypto.keys", "kizuna.crypto.index-key", "kizuna.crypto.token-key"}) {
            if (p.getProperty(key) == null) {
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
            Files.createDirectories(o.dataDir());
            Path fresh = Files.createTempFile(o.dataDir(), "kizuna-secrets", ".tmp", OWNER_ONLY);
            try (var out = Files.newBufferedWriter(fresh, StandardCharsets.UTF_8)) {
                p.store(out, "Kizuna demo keys: keep with the data directory");
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

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public KizunaRuntime kizuna() {
        return kizuna;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping anyway
        }
        kizuna.close();
        shopDataSource.close();
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                // the data directory is intact; PostgreSQL recovers on the next start
            }
        }
    }
}
