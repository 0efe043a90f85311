package dev.kizuna.admin;

import dev.kizuna.core.KizunaRuntime;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * On {@code /crm/*}: cookies set over HTTPS are marked {@code Secure}. A request is HTTPS when the container says so,
 * or, with {@code kizuna.web.trust-forwarded-proto=true} (the shop's TLS proxy sets the header and strips it from
 * clients), when {@code X-Forwarded-Proto} is {@code https}; without that key the header is ignored, since any client
 * can send it. The Set-Cookie headers are fixed just before the answer is committed.
 */
final class SecureCookieFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    static final String TRUST_FORWARDED_PROTO = "kizuna.web.trust-forwarded-proto";

    private final transient InstalledRuntime runtime;

    SecureCookieFilter(InstalledRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(req, https(req) ? new SecureCookies(res) : res);
    }

    private boolean https(HttpServletRequest req) {
        if (req.isSecure()) {
            return true;
        }
        boolean trusted = runtime.find().map(KizunaRuntime::context)
                .map(c -> c.config().bool(TRUST_FORWARDED_PROTO, false)).orElse(false);
        return trusted && "https".equalsIgnoreCase(req.getHeader("X-Forwarded-Proto"));
    }

    /** Adds {@code Secure} to every Set-Cookie header when the body starts or the answer is sent. */
    private static final class SecureCookies extends HttpServletResponseWrapper {
        private boolean fixed;

        SecureCookies(HttpServletResponse response) {
            super(response);
        }

        private void fix() {
            if (fixed || isCommitted()) {
                return;
            }
            fixed = true;
            HttpServletResponse r = (HttpServletResponse) getResponse();
            List<String> cookies = new ArrayList<>(r.getHeaders("Set-Cookie"));
            if (cookies.stream().allMatch(SecureCookies::secure)) {
                return;
            }
            boolean first = true;
            for (String c : cookies) {
                String value = secure(c) ? c : c + "; Secure";
                if (first) {
                    r.setHeader("Set-Cookie", value);
                    first = false;
                } else {
                    r.addHeader("Set-Cookie", value);
                }
            }
        }

        private static boolean secure(String cookie) {
            for (String part : cookie.split(";")) {
                if (part.strip().toLowerCase(Locale.ROOT).equals("secure")) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            fix();
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            fix();
            return super.getWriter();
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            fix();
            super.sendRedirect(location);
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            fix();
            super.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            fix();
            super.sendError(sc);
        }

        @Override
        public void flushBuffer() throws IOException {
            fix();
            super.flushBuffer();
        }
    }
}
