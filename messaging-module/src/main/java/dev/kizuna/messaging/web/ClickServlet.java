package dev.kizuna.messaging.web;

import dev.kizuna.core.templates.Templates;
import dev.kizuna.messaging.delivery.MessageEvents;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /crm/go/<token>}: a tracked link of a message. Records the click and redirects to the link's target, which
 * the signed token names, so the redirect cannot be pointed anywhere else.
 */
public final class ClickServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient MessageEvents events;
    private final transient Templates templates;

    public ClickServlet(MessageEvents events, Templates templates) {
        this.events = events;
        this.templates = templates;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<String> target = events.click(UnsubscribeServlet.token(req));
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("Referrer-Policy", "no-referrer");
        if (target.isEmpty()) {
            // a link that does not verify gets a page in the shopper's language, not the container's error page
            Locale locale = "en".equals(req.getParameter("lang")) ? Locale.ENGLISH : Locale.JAPANESE;
            byte[] body = templates.render("messaging/link.ftlh", locale, Map.of()).getBytes(StandardCharsets.UTF_8);
            resp.setStatus(404);
            resp.setContentType("text/html;charset=UTF-8");
            resp.setHeader("X-Robots-Tag", "noindex");
            resp.setContentLength(body.length);
            resp.getOutputStream().write(body);
            return;
        }
        resp.setStatus(302);
        resp.setHeader("Location", target.get());
    }
}
