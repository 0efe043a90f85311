package dev.kizuna.admin;

import dev.kizuna.admin.console.users.AdminUsers;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.spi.HostPorts;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import dev.kizuna.core.web.Role;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.util.HashMap;
import java.util.Map;

/**
 * Kizuna on a fresh real PostgreSQL, mounted into a Jetty 12 web app by {@link KizunaServletInitializer} exactly as a
 * host's container would, with one console user per role.
 */
public final class ConsoleServer implements AutoCloseable {
    public static final String ADMIN = "admin";
    public static final String MARKETER = "marketer";
    public static final String SUPPORT = "support";
    public static final String PASSWORD = "correct-horse-battery";

    public final KizunaRuntime runtime;
    private final Server server;
    public final String baseUrl;

    private ConsoleServer(KizunaRuntime runtime, Server server) {
        this.runtime = runtime;
        this.server = server;
        this.baseUrl = "http://localhost:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public static ConsoleServer start() {
        return start(new FakeHost(), Map.of());
    }

    public static ConsoleServer start(HostPorts host, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(overrides);
        config.putIfAbsent(ConsoleModule.INITIAL_ADMIN_USERNAME, ADMIN);
        config.putIfAbsent(ConsoleModule.INITIAL_ADMIN_PASSWORD, PASSWORD);
        KizunaRuntime runtime = TestKizuna.install(host, config);
        try {
            AdminUsers users = runtime.context().ports().require(AdminUsers.class);
            users.create(MARKETER, "Mika Marketer", PASSWORD, Role.MARKETER, "en", "test");
            users.create(SUPPORT, "Sora Support", PASSWORD, Role.SUPPORT, "ja", "test");
            Server server = new Server();
            // behind a proxy, as a shop is: a client's address comes in X-Forwarded-For (WebClient#from)
            HttpConfiguration http = new HttpConfiguration();
            http.setRequestHeaderSize(64 * 1024);
            ForwardedRequestCustomizer forwarded = new ForwardedRequestCustomizer();
            // only the address: whether X-Forwarded-Proto is believed is Kizuna's setting (kizuna.web.trust-forwarded-proto)
            forwarded.setForwardedProtoHeader("X-Unused-Forwarded-Proto");
            forwarded.setForwardedHeader("X-Unused-Forwarded");
            http.addCustomizer(forwarded);
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setPort(0);
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
            context.setContextPath("/");
            context.setAttribute(KizunaRuntime.SERVLET_CONTEXT_ATTRIBUTE, runtime);
            context.addServletContainerInitializer(new KizunaServletInitializer());
            server.setHandler(context);
            server.start();
            return new ConsoleServer(runtime, server);
        } catch (Exception e) {
            runtime.close();
            throw new IllegalStateException("console server did not start", e);
        }
    }

    public WebClient client() {
        return new WebClient(baseUrl, Map.of());
    }

    /** A client at {@code address} (sent as X-Forwarded-For through the server's proxy customizer). */
    public WebClient client(String address) {
        return new WebClient(baseUrl, Map.of("X-Forwarded-For", address));
    }

    /** A client signed in as {@code username} (password {@link #PASSWORD}). */
    public WebClient signedIn(String username) {
        WebClient c = client();
        WebClient.Response r = c.login(username, PASSWORD);
        if (r.status() != 302) {
            throw new IllegalStateException("could not sign in as " + username + ": " + r.status() + "\n" + r.body());
        }
        return c;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping anyway
        }
        runtime.close();
    }
}
