package dev.kizuna.messaging.web;

import dev.kizuna.core.templates.Templates;
import dev.kizuna.core.web.PageRoutes;
import dev.kizuna.messaging.consent.Channel;
import dev.kizuna.messaging.delivery.MessageEvents;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /crm/unsubscribe/<token>}: GET shows what the link stops and a button; POST stops it. The POST is also
 * the RFC 8058 one-click unsubscribe a mail client sends to the {@code List-Unsubscribe} address (body
 * {@code List-Unsubscribe=One-Click}), so it needs nothing but the signed token. No login.
 */
public final class UnsubscribeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient MessageEvents events;
    private final transient Templates templates;

    public UnsubscribeServlet(MessageEvents events, Templates templates) {
        this.events = events;
        this.templates = templates;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String token = token(req);
        Optional<Channel> channel = events.unsubscribeTarget(token);
        write(resp, channel.isPresent() ? 200 : 404, req, channel.isPresent() ? "confirm" : "invalid", channel, token);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        req.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String token = token(req);
        Optional<Channel> channel = events.unsubscribe(token);
        write(resp, channel.isPresent() ? 200 : 404, req, channel.isPresent() ? "done" : "invalid", channel, token);
    }

    static String token(HttpServletRequest req) {
        String path = Optional.ofNullable(req.getAttribute(PageRoutes.SUB_PATH_ATTRIBUTE)).map(Object::toString)
                .orElseGet(() -> Optional.ofNullable(req.getPathInfo()).orElse("/"));
        String token = path.startsWith("/") ? path.substring(1) : path;
        return token.contains("/") ? "" : token;
    }

    private void write(HttpServletResponse resp, int status, HttpServletRequest req, String state,
                       Optional<Channel> channel, String token) throws IOException {
        Locale locale = "en".equals(req.getParameter("lang")) ? Locale.ENGLISH : Locale.JAPANESE;
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("state", state);
        model.put("channel", channel.map(Channel::key).orElse(""));
        model.put("action", req.getContextPath() + "/crm/unsubscribe/" + token);
        String html = templates.render("messaging/unsubscribe.ftlh", locale, model);
        resp.setStatus(status);
        resp.setContentType("text/html;charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("X-Robots-Tag", "noindex");
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
