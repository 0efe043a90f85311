package dev.kizuna.admin.console.customers;

import jakarta.servlet.http.HttpSession;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The customers whose personal data a support user revealed (with a logged reason) in this session, each for
 * {@link #FOR} only: the next look at the same customer later needs a new reason.
 */
final class RevealedCustomers implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String ATTRIBUTE = "kizuna.console.revealed";
    static final Duration FOR = Duration.ofMinutes(15);

    private final Map<String, Instant> until = new HashMap<>();

    static RevealedCustomers of(HttpSession session) {
        synchronized (session) {
            Object o = session.getAttribute(ATTRIBUTE);
            if (o instanceof RevealedCustomers r) {
                return r;
            }
            RevealedCustomers r = new RevealedCustomers();
            session.setAttribute(ATTRIBUTE, r);
            return r;
        }
    }

    void reveal(HttpSession session, String customerRef, Instant now) {
        synchronized (this) {
            until.entrySet().removeIf(e -> e.getValue().isBefore(now));
            until.put(customerRef, now.plus(FOR));
        }
        session.setAttribute(ATTRIBUTE, this); // set again so a replicated session store sees the change
    }

    synchronized boolean revealed(String customerRef, Instant now) {
        Instant u = until.get(customerRef);
        return u != null && now.isBefore(u);
    }
}
