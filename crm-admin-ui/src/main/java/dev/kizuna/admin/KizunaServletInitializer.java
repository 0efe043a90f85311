package dev.kizuna.admin;

import dev.kizuna.admin.console.ConsoleServlet;
import dev.kizuna.core.web.ApiServlet;
import dev.kizuna.core.web.AssetServlet;
import dev.kizuna.core.web.CrmPaths;
import dev.kizuna.core.web.OperationsServlet;
import dev.kizuna.core.web.PageServlet;
import dev.kizuna.core.web.SecurityHeadersFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.Set;

/**
 * Mounts Kizuna into the host's web app when its jars are dropped in (found through
 * {@code META-INF/services/jakarta.servlet.ServletContainerInitializer}; a host with an embedded container can
 * add it by hand):
 * <ul>
 *   <li>{@code /crm/api/*}: the JSON API of every module (core {@link ApiServlet});</li>
 *   <li>{@code /crm/admin/*}: the merchant console;</li>
 *   <li>{@code /crm/assets/*}: the console's and shopper views' CSS, JS and images;</li>
 *   <li>{@code /crm/metrics} (Prometheus, scrape token or admin) and {@code /crm/health} (UP/DOWN);</li>
 *   <li>{@code /crm/*}: pages modules mount in core {@code PageRoutes} (e.g. survey links);</li>
 *   <li>security headers (CSP, framing, referrer) on all of {@code /crm/*}, and {@code Secure} cookies over HTTPS
 *       ({@link SecureCookieFilter});</li>
 *   <li>the session cookie {@code HttpOnly; SameSite=Lax}.</li>
 * </ul>
 * The runtime is looked up at request time ({@link InstalledRuntime}): until the host has installed Kizuna, these
 * paths answer 503.
 */
public final class KizunaServletInitializer implements ServletContainerInitializer {
    private static final Logger log = LoggerFactory.getLogger(KizunaServletInitializer.class);

    public static final String ROOT = CrmPaths.ROOT;
    public static final String API = CrmPaths.API;
    public static final String CONSOLE = CrmPaths.CONSOLE;
    public static final String ASSETS = CrmPaths.ASSETS;

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        if (context.getServletRegistration("kizuna-api") != null) {
            return; // mounted already (added by hand and found by the container too)
        }
        InstalledRuntime runtime = new InstalledRuntime(context);

        FilterRegistration.Dynamic headers = context.addFilter("kizuna-security-headers", new SecurityHeadersFilter());
        headers.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR), false, ROOT + "/*");
        FilterRegistration.Dynamic gate = context.addFilter("kizuna-runtime-gate", new RuntimeGateFilter(runtime));
        gate.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, ROOT + "/*");
        FilterRegistration.Dynamic cookies = context.addFilter("kizuna-secure-cookies", new SecureCookieFilter(runtime));
        cookies.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, ROOT + "/*");
        FilterRegistration.Dynamic sessions = context.addFilter("kizuna-console-session", new ConsoleSessionFilter(runtime));
        sessions.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, API + "/*");

        mount(context, "kizuna-api", new ApiServlet(() -> runtime.get().context().api(), () -> runtime.get().callers()),
                API + "/*");
        mount(context, "kizuna-console", new ConsoleServlet(runtime), CONSOLE + "/*");
        mount(context, "kizuna-assets", new AssetServlet(), ASSETS + "/*");
        ServletRegistration.Dynamic operations = context.addServlet("kizuna-operations", new OperationsServlet(runtime));
        operations.addMapping(OperationsServlet.METRICS, OperationsServlet.HEALTH);
        mount(context, "kizuna-pages", new PageServlet(() -> runtime.get().context().pages(), CONSOLE + "/"), ROOT + "/*");

        try {
            // The console's session cookie must not be readable by scripts nor sent along by cross-site requests
            // (top-level links still carry it); hosts that configured it already win.
            context.getSessionCookieConfig().setHttpOnly(true);
            if (context.getSessionCookieConfig().getAttribute("SameSite") == null) {
                context.getSessionCookieConfig().setAttribute("SameSite", "Lax");
            }
        } catch (IllegalStateException e) {
            log.debug("session cookie config is fixed already: {}", e.getMessage());
        }
        log.info("Kizuna mounted at {}{}/ (api, admin, assets, pages)", context.getContextPath(), ROOT);
    }

    private static void mount(ServletContext context, String name, HttpServlet servlet, String pattern) {
        ServletRegistration.Dynamic registration = context.addServlet(name, servlet);
        registration.addMapping(pattern);
        registration.setLoadOnStartup(1);
    }
}
