package dev.kizuna.admin;

import dev.kizuna.admin.console.ConsoleSessions;
import dev.kizuna.core.KizunaRuntime;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * On {@code /crm/api/*}: puts the console user on the request for core's API; the console session obeys the same lifetime there as on the pages (an idle or too old
 * session is ended before core's API reads it), and a host-authenticated admin gets a console session with a CSRF
 * token, so cookie-authenticated changes need the token whichever login was used.
 */
final class ConsoleSessionFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    private final transient InstalledRuntime runtime;

    ConsoleSessionFilter(InstalledRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        KizunaRuntime rt = runtime.find().orElse(null);
        if (rt != null) {
            ConsoleSessions.of(rt.context()).current(req);
            ConsoleSessions.sendCookie(req, res);
        }
        chain.doFilter(req, res);
    }
}
