package dev.kizuna.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kizuna.admin.KizunaServletInitializer;
import dev.kizuna.core.Kizuna;
import dev.kizuna.core.KizunaConfig;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.crypto.KeySetRefused;
import dev.kizuna.core.web.ApiRoutes;
import dev.kizuna.core.web.ApiServlet;
import dev.kizuna.core.web.Callers;
import dev.kizuna.core.web.SecurityHeadersFilter;
import jakarta.servlet.DispatcherType;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small Broadleaf-style shop with Kizuna dropped in: embedded Jetty 12, a real PostgreSQL (embedded, in a data
 * directory that survives restarts, or external), a catalog, customers, a cart and checkout publishing host events.
 */
public final class DemoShop implements AutoCloseable {
    private final EmbeddedPostgres postgres;
    private final HikariDataSource shopDataSource;
    private final KizunaRuntime kizuna;
    private final Server server;
    private final List<String> shopPages;

    private DemoShop(EmbeddedPostgres postgres, HikariDataSource shopDataSource, KizunaRuntime kizuna, Server server,
                     List<String> shopPages) {
        this.postgres = postgres;
        this.shopDataSource = shopDataSource;
        this.kizuna = kizuna;
        this.server = server;
        this.shopPages = shopPages;
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
        DemoShop shop;
        try {
            shop = start(options);
        } catch (DemoSecrets.Missing | KeySetRefused e) {
            // the node would seal with keys the installation does not have: say which and what to do, start nothing
            System.err.println(e.getMessage());
            System.out.flush();
            Runtime.getRuntime().halt(3);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(shop::stopForGood, "demo-shop-stop"));
        String host = options.bind().equals("127.0.0.1") ? "localhost" : options.bind();
        System.out.println("Kizuna demo shop ready at http://" + host + ":" + shop.port() + "/");
        System.out.println("  console: http://" + host + ":" + shop.port() + "/crm/admin/  (user " + options.adminUser() + ")");
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
            OrphanPostmaster.stop(o.dataDir().resolve("postgres"));
            pg = EmbeddedPostgres.builder()
                    .setDataDirectory(o.dataDir().resolve("postgres"))
                    .setCleanDataDirectory(false)
                    .setPort(o.dbPort())
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

        KizunaConfig config;
        try {
            config = KizunaConfig.of(kizunaConfig(o, jdbcUrl,
                    DemoSecrets.inspect(jdbcUrl, o.jdbcUser(), o.jdbcPassword())));
        } catch (RuntimeException e) {
            shopDs.close();
            closeQuietly(pg);
            throw e;
        }
        KizunaRuntime kizuna;
        try {
            kizuna = Kizuna.install(new ShopHost(store), config);
        } catch (RuntimeException e) {
            shopDs.close();
            closeQuietly(pg);
            throw e;
        }
        ShopCheckout checkout = new ShopCheckout(store, kizuna);
        if (o.sampleData() && !store.hasCustomers()) {
            new SampleData(store, checkout, kizuna).load();
        }
        if (o.sampleData()) {
            // After the sample orders, so the ready-made survey invites only orders delivered from now on.
            SampleData.starterKit(kizuna);
        }

        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        // Room for a long pasted search in an address (8 KiB by default): the console refuses it on its page
        // (at most 100 characters) instead of the connector answering a bare 414.
        http.setRequestHeaderSize(64 * 1024);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        // this machine only unless --bind says otherwise: the dev token and the sample data are not for the network
        connector.setHost(o.bind());
        connector.setPort(o.port());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        context.setAttribute(KizunaRuntime.SERVLET_CONTEXT_ATTRIBUTE, kizuna);
        // What dropping the jars into a Jakarta web app does through META-INF/services: mount /crm/*.
        context.addServletContainerInitializer(new KizunaServletInitializer());
        // the shop's pages get the console's headers too: a strict CSP, no framing, no referrer
        context.addFilter(new FilterHolder(new SecurityHeadersFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        // the signed-in shopper, or an admin by the dev token (--admin-token, dev installs only)
        Callers callers = new Callers(new ShopHost(store), o.dev() ? o.adminToken() : Optional.empty());
        ApiRoutes shopRoutes = ShopApi.routes(store, checkout, kizuna, o.dev());
        context.addServlet(new ServletHolder("shop-api", new ApiServlet(() -> shopRoutes, () -> callers)), "/shop/api/*");
        ShopPages pages = new ShopPages(store, checkout, kizuna);
        context.addServlet(new ServletHolder("shop-pages", pages), "/shop/*");
        context.addServlet(new ServletHolder("shop-home", new ShopPages(store, checkout, kizuna)), "");
        context.addServlet(new ServletHolder("shop-static", new ShopPages.Static()), "/static/*");
        server.setHandler(context);
        server.start();
        return new DemoShop(pg, shopDs, kizuna, server, pages.pagePatterns());
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException e) {
                // stopping anyway; the data directory recovers on the next start
            }
        }
    }

    private static Map<String, String> kizunaConfig(DemoOptions o, String jdbcUrl, DemoSecrets.Installation db)
            throws IOException {
        Map<String, String> c = new HashMap<>(DemoSecrets.load(o.secretsFile(), db));
        c.put("kizuna.jdbc.url", jdbcUrl);
        c.put("kizuna.jdbc.user", o.jdbcUser());
        c.put("kizuna.jdbc.password", o.jdbcPassword());
        c.put("kizuna.node-id", "demo-" + ProcessHandle.current().pid());
        c.put("kizuna.dev", Boolean.toString(o.dev()));
        o.adminToken().ifPresent(t -> c.put("kizuna.dev.admin-token", t));
        o.smtpHost().ifPresent(h -> c.put("kizuna.mail.smtp.host", h));
        c.put("kizuna.mail.smtp.port", Integer.toString(o.smtpPort()));
        c.put("kizuna.mail.from", "shop@kizuna-demo.example");
        String base = o.publicUrl().orElse("http://localhost:" + o.port());
        c.put("kizuna.public-base-url", base);
        // A member's referral link opens the shop's sign-up form with the code (ShopPages GET /register).
        c.put("kizuna.referrals.link", base + "/shop/register?ref={code}");
        c.put("kizuna.segments.recommend.product-link", "/shop/product?sku={sku}");
        c.put("kizuna.console.initial-admin.username", o.adminUser());
        c.put("kizuna.console.initial-admin.password", o.adminPassword());
        return c;
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** The address the shop listens on. */
    public String boundTo() {
        return ((ServerConnector) server.getConnectors()[0]).getHost();
    }

    /** The shop's page paths below {@code /shop} ({@code /cart}, {@code /orders/{id}} …), as the shop dispatches on them. */
    public List<String> shopPages() {
        return shopPages;
    }

    public KizunaRuntime kizuna() {
        return kizuna;
    }

    /**
     * Ctrl-C or a TERM: the web server and the scheduler first, PostgreSQL last, then exit 0. The embedded
     * PostgreSQL registers its own shutdown hook, which the JVM runs at the same time as this one, so connections may
     * close under the scheduler and the pool as they stop; what they log about it then is expected and not shown.
     */
    private void stopForGood() {
        System.setErr(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        PrintStream out = System.out;
        out.println("Stopping the Kizuna demo shop …");
        out.flush();
        int status = 0;
        try {
            close();
            if (postgres != null) {
                awaitStopped(postgres.getPort(), Duration.ofSeconds(30));
            }
            out.println("Stopped.");
        } catch (RuntimeException e) {
            out.println("Stopped, but not cleanly: " + e);
            status = 1;
        }
        out.flush();
        // Everything is closed; exit at once rather than with the signal's 130/143, which build tools report as a failure.
        Runtime.getRuntime().halt(status);
    }

    /** Waits until nothing listens on the database port any more (the other hook may still be stopping it). */
    private static void awaitStopped(int port, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("localhost", port), 200);
            } catch (IOException refused) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
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
