package dev.kizuna.core.console;

import dev.kizuna.core.module.KizunaContext;

import java.util.HashMap;
import java.util.Map;

/**
 * One shopper fragment to render: whose, in which language, where the web app's {@code /crm} lives, and the
 * kernel. {@link #render} adds the texts ({@code t}), formats ({@code fmt}), {@code lang} and {@code crm} to the
 * fragment's model.
 */
public record ShopperRequest(String customerRef, Messages messages, Formats formats, String contextPath,
                             KizunaContext ctx) {

    public String lang() {
        return messages.locale().getLanguage();
    }

    public <T> java.util.Optional<T> port(Class<T> type) {
        return ctx.ports().find(type);
    }

    /** {@code template} under {@code kizuna/templates/shopper/}. */
    public String render(String template, Map<String, Object> fragmentModel) {
        Map<String, Object> model = new HashMap<>(fragmentModel);
        model.put("t", messages);
        model.put("fmt", formats);
        model.put("lang", lang());
        model.put("crm", contextPath + "/crm");
        return ctx.templates().render("shopper/" + template, messages.locale(), model);
    }
}
