package dev.kizuna.segment;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.web.ApiRequest;
import dev.kizuna.core.web.ApiRoutes;
import dev.kizuna.core.web.Caller;
import dev.kizuna.core.web.Role;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Calls the module's API routes as the core API servlet does (route match, access by role, handler), with a mocked
 * servlet request carrying the query and body; the module has no servlet container in its tests.
 */
public final class ApiCalls {
    private final KizunaRuntime kizuna;

    public ApiCalls(KizunaRuntime kizuna) {
        this.kizuna = kizuna;
    }

    /** What the servlet would answer before the handler: 403 for a role the route refuses. */
    public static final class Forbidden extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Forbidden(String message) {
            super(message);
        }
    }

    public Object get(String pathAndQuery) throws Exception {
        return call("GET", pathAndQuery, null, Role.ADMIN);
    }

    public Object call(String method, String pathAndQuery, String body, Role role) throws Exception {
        String[] parts = pathAndQuery.split("\\?", 2);
        Map<String, String> query = new HashMap<>();
        if (parts.length == 2) {
            for (String pair : parts[1].split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        List<String> allowed = new ArrayList<>();
        ApiRoutes.Match match = kizuna.context().api().match(method, parts[0], allowed)
                .orElseThrow(() -> new IllegalArgumentException("no route " + method + " " + parts[0]));
        if (!match.route().access().roles().contains(role)) {
            throw new Forbidden(role + " may not " + method + " " + parts[0]);
        }
        HttpServletRequest http = mock(HttpServletRequest.class);
        when(http.getParameter(anyString())).thenAnswer(inv -> query.get(inv.<String>getArgument(0)));
        when(http.getMethod()).thenReturn(method);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        when(http.getInputStream()).thenReturn(new ServletInputStream() {
            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener readListener) {
                throw new UnsupportedOperationException("blocking reads only");
            }

            @Override
            public int read() {
                return in.read();
            }
        });
        return match.route().handler().handle(new ApiRequest(http, match.params(),
                new Caller.Admin("tester-" + role.name().toLowerCase(), role, false)));
    }
}
