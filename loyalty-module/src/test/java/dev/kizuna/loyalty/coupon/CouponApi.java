package dev.kizuna.loyalty.coupon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.json.Json;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import dev.kizuna.core.web.AdminSession;
import dev.kizuna.core.web.Role;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Calls {@code /crm/api} through the real servlet; only the container's request and response are stand-ins. */
final class CouponApi {
    private final KizunaRuntime kizuna;

    CouponApi(KizunaRuntime kizuna) {
        this.kizuna = kizuna;
    }

    /** The answer: status, JSON body (or null), raw text and headers. */
    record Reply(int status, JsonNode body, String text, Map<String, String> headers) {
    }

    sealed interface As permits Token, Console, Shopper, Nobody {
    }

    record Token() implements As {
    }

    record Console(Role role) implements As {
    }

    /** A signed-in shopper calling from {@code address}. */
    record Shopper(String customerRef, String address, String lang) implements As {
        Shopper(String customerRef) {
            this(customerRef, "203.0.113.7", "en");
        }
    }

    record Nobody() implements As {
    }

    Reply call(As as, String method, String path, String body) throws Exception {
        HttpServletRequest req = mock(HttpServletRequest.class);
        when(req.getMethod()).thenReturn(method);
        when(req.getPathInfo()).thenReturn(path);
        when(req.getHeader("Accept-Language")).thenReturn(as instanceof Shopper s ? s.lang() : "en");
        when(req.getRemoteAddr()).thenReturn(as instanceof Shopper s ? s.address() : "198.51.100.1");
        if (as instanceof Token) {
            when(req.getHeader("Authorization")).thenReturn("Bearer " + TestKizuna.ADMIN_TOKEN);
        } else if (as instanceof Console c) {
            HttpSession session = mock(HttpSession.class);
            when(session.getAttribute(AdminSession.ATTRIBUTE)).thenReturn(new AdminSession("kanako", c.role(), "csrf-1"));
            when(req.getSession(false)).thenReturn(session);
            when(req.getHeader(AdminSession.CSRF_HEADER)).thenReturn("csrf-1");
        } else if (as instanceof Shopper s) {
            when(req.getHeader(FakeHost.SHOPPER_HEADER)).thenReturn(s.customerRef());
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        when(req.getContentType()).thenReturn("application/json");
        when(req.getContentLengthLong()).thenReturn((long) bytes.length);
        when(req.getInputStream()).thenReturn(new ServletInputStream() {
            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener l) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read() {
                return in.read();
            }
        });
        HttpServletResponse resp = mock(HttpServletResponse.class);
        AtomicInteger status = new AtomicInteger(200);
        doAnswer(i -> {
            status.set(i.getArgument(0));
            return null;
        }).when(resp).setStatus(anyInt());
        Map<String, String> headers = new ConcurrentHashMap<>();
        doAnswer(i -> {
            headers.put(i.getArgument(0), i.getArgument(1));
            return null;
        }).when(resp).setHeader(anyString(), anyString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        when(resp.getOutputStream()).thenReturn(new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener l) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(int b) {
                out.write(b);
            }
        });
        kizuna.apiServlet().service(req, resp);
        String text = out.toString(StandardCharsets.UTF_8);
        JsonNode json = null;
        if (!text.isEmpty() && (text.startsWith("{") || text.startsWith("["))) {
            json = Json.MAPPER.readTree(text);
        }
        return new Reply(status.get(), json, text, headers);
    }
}
