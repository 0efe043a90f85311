package dev.kizuna.admin.console;

import dev.kizuna.core.KizunaRuntime;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * {@code /crm/admin/*}: the merchant console. The runtime is resolved per request; the console built for it is kept
 * until the host installs another runtime (a restart of Kizuna inside a running container).
 */
public final class ConsoleServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Supplier<KizunaRuntime> runtime;
    private final transient AtomicReference<Console> console = new AtomicReference<>();

    public ConsoleServlet(Supplier<KizunaRuntime> runtime) {
        this.runtime = runtime;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        console().handle(req, resp);
    }

    /** The console of the current runtime. */
    public Console console() {
        KizunaRuntime rt = runtime.get();
        Console c = console.get();
        if (c == null || c.runtime() != rt) {
            c = new Console(rt);
            console.set(c);
        }
        return c;
    }
}
