package dev.kizuna.messaging.console;

import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.FormErrors;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;
import dev.kizuna.messaging.audience.Audience;
import dev.kizuna.messaging.audience.Audiences;
import dev.kizuna.messaging.consent.Channel;
import dev.kizuna.messaging.consent.Purpose;

import java.util.HashMap;
import java.util.Map;

/**
 * The audience builder on its own page: pick criteria, see how many customers a marketing message on the channel
 * would reach (consent and suppressions included). With script the count follows each change
 * ({@code GET /crm/api/audiences/count}); without it the form posts back and the page shows the count.
 */
final class AudiencePages {
    private final Audiences audiences;

    AudiencePages(Audiences audiences) {
        this.audiences = audiences;
    }

    void register(ConsoleRoutes routes) {
        routes.get("/messaging/audiences", ConsoleRoutes.CONFIGURE, r -> page(r, Map.of(), new FormErrors(r.messages()),
                null, 200));
        routes.post("/messaging/audiences", ConsoleRoutes.CONFIGURE, this::count);
    }

    private PageResult count(PageRequest r) {
        FormErrors errors = new FormErrors(r.messages());
        Channel channel = channel(r, errors);
        Audience audience = AudienceForm.read(r, errors, "", AudienceForm.ROWS, audiences, r.ctx().clock().instant(), true);
        if (errors.any()) {
            return page(r, r.formValues(), errors, null, 400);
        }
        long n = r.ctx().database().inTransaction(tx -> audiences.count(tx, audience, channel, Purpose.MARKETING,
                r.ctx().clock().instant()));
        return page(r, r.formValues(), errors, n, 200);
    }

    /** The channel picked in a form ({@code mail} when none); anything else is the field's error. */
    static Channel channel(PageRequest r, FormErrors errors) {
        String typed = r.param("channel").orElse(Channel.MAIL.key());
        return Channel.byKey(typed).orElseGet(() -> {
            errors.add("channel", "messaging.unknown-choice");
            return Channel.MAIL;
        });
    }

    private PageResult page(PageRequest r, Map<String, String> values, FormErrors errors, Long count, int status) {
        Map<String, Object> model = new HashMap<>();
        model.put("values", values);
        model.put("errors", errors.asMap());
        model.put("criterionGroups", AudienceForm.choices(r));
        model.put("rows", AudienceForm.ROWS);
        if (count != null) {
            model.put("count", count);
        }
        return PageResult.view("messaging/audiences.ftlh", model, status);
    }
}
