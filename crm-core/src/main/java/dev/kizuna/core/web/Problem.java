package dev.kizuna.core.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kizuna.core.json.Json;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** An RFC 9457 problem body ({@code application/problem+json}); {@code field} names the offending input. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field, String code) {

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null);
    }

    public Problem withField(String f) {
        return new Problem(type, title, status, detail, f, code);
    }

    public Problem withCode(String c) {
        return new Problem(type, title, status, detail, field, c);
    }

    public void write(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(Json.write(this).getBytes(StandardCharsets.UTF_8));
    }
}
