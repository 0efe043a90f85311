package dev.kizuna.messaging.console;

import dev.kizuna.core.console.FormErrors;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.mail.MailOutbox;
import dev.kizuna.core.mirror.SealedMembers;
import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.text.EmailAddress;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.messaging.consent.Purpose;
import dev.kizuna.messaging.delivery.MessageTemplates;
import dev.kizuna.messaging.delivery.MessagingSettings;
import dev.kizuna.messaging.delivery.Outbound;
import dev.kizuna.messaging.delivery.Personalisation;
import dev.kizuna.messaging.delivery.TestRecipients;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Messages as a customer would get them, for the console: rendered with a real customer's figures (or the sample
 * customer's), nothing recorded; and a test send of that rendering to a staff address through the mail outbox, so it
 * leaves by the same SMTP path as the real messages. The customer is found as the customers list finds one: by
 * member number or customer id, e-mail, or the start of a name.
 */
public final class MessagePreview {
    /** Hits a customer search shows. */
    static final int HITS = 10;
    /** The outbox template name of a test send (not {@code messaging}: no message, no report counts it). */
    static final String TEST_TEMPLATE = "messaging-test";

    private final KizunaContext ctx;
    private final MessageTemplates templates;
    private final Personalisation personalisation;
    private final TestRecipients testRecipients;

    MessagePreview(KizunaContext ctx, MessageTemplates templates, Personalisation personalisation) {
        this.ctx = ctx;
        this.templates = templates;
        this.personalisation = personalisation;
        this.testRecipients = MessagingSettings.from(ctx.config()).testRecipients();
    }

    /**
     * The test send's address, refused on the form unless it is an e-mail address the shop allows tests to: a test
     * carries a real customer's name, points and coupon.
     */
    String testAddress(PageRequest r, FormErrors errors) {
        String address = errors.text(r, "testAddress", true, 254);
        if (address == null) {
            return null;
        }
        if (!EmailAddress.isValid(address)) {
            errors.add("testAddress", "messaging.not-an-address");
        } else if (!testRecipients.allows(address)) {
            errors.add("testAddress", "messaging.test-address-not-allowed",
                    testRecipients.text(r.messages().text("list-separator")));
        }
        return address;
    }

    /** A customer a preview can be made for: customer id, display name, language. */
    public record Customer(String ref, String name, String locale) {
    }

    /** Who a search text names (at most {@link #HITS}). */
    List<Customer> find(String typed) {
        String q = typed == null ? "" : typed.strip();
        if (q.isEmpty() || q.length() > 100) {
            return List.of();
        }
        SealedMembers members = ctx.members();
        return ctx.database().inTransaction(tx -> {
            Set<Long> ids = new LinkedHashSet<>();
            if (q.contains("@")) {
                ids.addAll(members.byEmail(tx, q));
            } else {
                Long id = q.matches("\\d{1,18}") ? Long.valueOf(q) : null;
                ids.addAll(tx.sql().list("SELECT id FROM member WHERE (customer_ref = ? OR id = ?) AND erased_at IS NULL",
                        rs -> rs.getLong(1), q, id));
                ids.addAll(members.byNamePrefix(tx, q, HITS));
            }
            List<Long> some = ids.stream().limit(HITS).toList();
            Map<Long, Customer> byId = new HashMap<>();
            for (Map.Entry<Long, Customer> e : tx.sql().list(
                    "SELECT id, customer_ref, display_name, locale FROM member WHERE id = ANY(?) AND erased_at IS NULL",
                    rs -> Map.entry(rs.getLong(1), new Customer(rs.getString(2),
                            Optional.ofNullable(members.openName(rs.getString(2), rs.getString(3))).orElse(""),
                            rs.getString(4))), tx.sql().longArray(some.toArray(Long[]::new)))) {
                byId.put(e.getKey(), e.getValue());
            }
            List<Customer> out = new ArrayList<>();
            some.stream().map(byId::get).filter(java.util.Objects::nonNull).forEach(out::add);
            return out;
        });
    }

    /**
     * The texts rendered for {@code customerRef} in their language (null: the sample customer, in {@code language}),
     * with a sample coupon code when the message carries one; empty when there is no such customer.
     */
    Optional<MessageTemplates.Rendered> render(LocalizedText subject, LocalizedText body, Purpose purpose,
                                               boolean withCoupon, String customerRef, String language) {
        return ctx.database().inTransaction(tx -> {
            Map<String, Object> model;
            String lang = language;
            if (customerRef == null) {
                model = new HashMap<>(Personalisation.SAMPLE);
            } else {
                Optional<Outbound.Recipient> recipient = recipient(tx, customerRef);
                if (recipient.isEmpty()) {
                    return Optional.empty();
                }
                lang = recipient.get().locale();
                Outbound.Addressed a = new Outbound.Addressed(recipient.get(), 0, null);
                model = new HashMap<>(personalisation.models(tx, List.of(a), Map.of(), ctx.clock().instant()).get(0));
            }
            if (purpose == Purpose.MARKETING) {
                model.put("unsubscribeUrl", Personalisation.SAMPLE.get("unsubscribeUrl"));
            } else {
                model.remove("unsubscribeUrl");
            }
            model.put("couponCode", withCoupon ? Personalisation.SAMPLE.get("couponCode") : "");
            return Optional.of(templates.compile("console-preview", subject, body, "").render(lang, model));
        });
    }

    private static Optional<Outbound.Recipient> recipient(Tx tx, String customerRef) {
        return tx.sql().one("SELECT id, customer_ref, locale FROM member WHERE customer_ref = ? AND erased_at IS NULL",
                rs -> new Outbound.Recipient(rs.getLong(1), rs.getString(2), rs.getString(3)), customerRef);
    }

    /** Writes the rendering, its subject marked as a test, to {@code address} in the outbox; audit-logged. */
    void testSend(MessageTemplates.Rendered rendered, String address, String language, String subjectMark,
                  String actor, String what) {
        ctx.database().execute(tx -> {
            ctx.mail().enqueueRendered(tx, List.of(new MailOutbox.Rendered(null, address, language, TEST_TEMPLATE,
                    subjectMark + rendered.subject(), rendered.html(), "test:" + UUID.randomUUID())));
            // the address is a member of staff's, not a customer's; the entry names only what was tried
            ctx.audit().record(tx, actor, "messaging.test-send", what, null, Map.of("language", language));
        });
    }
}
