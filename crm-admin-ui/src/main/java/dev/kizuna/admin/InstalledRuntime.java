package dev.kizuna.admin;

import dev.kizuna.core.Kizuna;
import dev.kizuna.core.KizunaRuntime;
import jakarta.servlet.ServletContext;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds the running Kizuna for a web app at request time: the host may install Kizuna after the servlet container
 * started (or restart it), so nothing mounted under {@code /crm} holds on to a runtime.
 */
public final class InstalledRuntime implements Supplier<KizunaRuntime> {
    private final ServletContext servletContext;

    public InstalledRuntime(ServletContext servletContext) {
        this.servletContext = servletContext;
    }

    /** The runtime the host put in the servlet context, else the one installed in this JVM. */
    public Optional<KizunaRuntime> find() {
        Object attribute = servletContext.getAttribute(KizunaRuntime.SERVLET_CONTEXT_ATTRIBUTE);
        if (attribute instanceof KizunaRuntime runtime) {
            return Optional.of(runtime);
        }
        return Kizuna.installed();
    }

    /** The runtime; callers behind {@link RuntimeGateFilter} can rely on it being there. */
    @Override
    public KizunaRuntime get() {
        return find().orElseThrow(() -> new IllegalStateException("Kizuna is not installed yet"));
    }
}
