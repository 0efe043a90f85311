package dev.kizuna.messaging.web;

import dev.kizuna.messaging.delivery.MessageEvents;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;

/**
 * {@code /crm/go/<token>}: a tracked link of a message. Records the click and redirects to the link's target, which
 * the signed token names, so the redirect cannot be pointed anywhere else.
 */
public final class ClickServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient MessageEvents events;

    public ClickServlet(MessageEvents events) {
        this.events = events;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<String> target = events.click(UnsubscribeServlet.token(req));
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("Referrer-Policy", "no-referrer");
        if (target.isEmpty()) {
            resp.sendError(404);
            return;
        }
        resp.setStatus(302);
        resp.setHeader("Location", target.get());
    }
}
