package dev.kizuna.core.console;

import dev.kizuna.core.KizunaRuntime;

import java.util.Locale;

/**
 * The shopper's loyalty views as HTML fragments for the host's own pages (the account page): each installed feature
 * contributes its {@link ShopperView} ("My points", "My rank" with progress bars, "My coupons", surveys waiting for
 * an answer, the profile questions widget). Each reads its feature's service (the same data the
 * {@code /crm/api/me/*} endpoints serve). Texts come from the console bundles ({@code shopper.*}), in Japanese or
 * English; styles from {@code /crm/assets/shopper/shopper.css} (no inline styles or scripts, so the fragments live
 * under a strict CSP).
 */
public final class ShopperViews {
    /** The placement tag of the account page, which profile questions may be restricted to. */
    public static final String ACCOUNT_PLACEMENT = "account";

    private final KizunaRuntime runtime;
    private final String contextPath;

    public ShopperViews(KizunaRuntime runtime) {
        this(runtime, "");
    }

    /** {@code contextPath}: the web app's context path, for links to {@code /crm/assets} and survey pages. */
    public ShopperViews(KizunaRuntime runtime, String contextPath) {
        this.runtime = runtime;
        this.contextPath = contextPath == null ? "" : contextPath;
    }

    /** Every installed view in one fragment, in the order a shopper reads them. */
    public String render(String customerRef, Locale locale) {
        ShopperRequest request = request(customerRef, locale);
        StringBuilder out = new StringBuilder();
        out.append("<div class=\"kz-shopper\" lang=\"").append(request.lang()).append("\">");
        out.append("<link rel=\"stylesheet\" href=\"").append(new Assets(contextPath).url("shopper/shopper.css")).append("\">");
        for (ShopperView view : runtime.context().console().shopperViews()) {
            out.append(view.render(request));
        }
        return out.append("</div>").toString();
    }

    /** One feature's fragment by its id ({@code my-points}, {@code my-rank}, …); "" when that feature is absent. */
    public String render(String viewId, String customerRef, Locale locale) {
        ShopperRequest request = request(customerRef, locale);
        return runtime.context().console().shopperViews().stream().filter(v -> v.id().equals(viewId)).findFirst()
                .map(v -> v.render(request)).orElse("");
    }

    private ShopperRequest request(String customerRef, Locale locale) {
        Messages messages = Messages.of(locale == null ? Messages.JA : locale);
        Formats formats = new Formats(messages.locale(), runtime.context().zone(), runtime.context().host().shopCurrency());
        return new ShopperRequest(customerRef, messages, formats, contextPath, runtime.context());
    }
}
