package dev.kizuna.spring.web;

import dev.kizuna.admin.KizunaServletInitializer;
import dev.kizuna.core.KizunaRuntime;
import jakarta.servlet.ServletContext;
import org.springframework.boot.web.servlet.ServletContextInitializer;

import java.util.Set;

/**
 * Mounts Kizuna's servlets and filters under {@code /crm} in the embedded container: Spring Boot does not run the
 * {@code ServletContainerInitializer}s it finds in jars, so this runs crm-admin-ui's by hand, with the runtime in the
 * servlet context. Ordered last, after the host's own filters (Spring Security's chain among them), so the host's
 * login has run before Kizuna asks its {@code AdminAuthenticator} who the admin is.
 */
public final class KizunaServletRegistration implements ServletContextInitializer {
    private final KizunaRuntime runtime;

    public KizunaServletRegistration(KizunaRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void onStartup(ServletContext servletContext) {
        servletContext.setAttribute(KizunaRuntime.SERVLET_CONTEXT_ATTRIBUTE, runtime);
        new KizunaServletInitializer().onStartup(Set.of(), servletContext);
    }
}
