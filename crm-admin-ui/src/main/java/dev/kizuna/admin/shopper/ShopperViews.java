package dev.kizuna.admin.shopper;

import dev.kizuna.admin.console.Assets;
import dev.kizuna.admin.console.Formats;
import dev.kizuna.admin.console.Messages;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.loyalty.coupon.Campaigns;
import dev.kizuna.loyalty.points.PointsQueries;
import dev.kizuna.loyalty.rank.RankQueries;
import dev.kizuna.survey.profiling.CustomerProfiles;
import dev.kizuna.survey.results.SurveyQueries;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The shopper's loyalty views as HTML fragments for the host's own pages (the account page): "My points", "My rank"
 * with the benefits and a progress bar per criterion of the next rank, "My coupons", the surveys waiting for an
 * answer, and the profile questions widget. Each fragment reads its feature's service directly (the same data the
 * {@code /crm/api/me/*} endpoints serve) and is empty when that feature is not installed. Texts come from the
 * console bundles ({@code shopper.*}), in Japanese or English; styles from {@code /crm/assets/shopper/shopper.css}
 * (no inline styles or scripts, so the fragments live under a strict CSP).
 */
public final class ShopperViews {
    /** The placement tag profile questions may be restricted to. */
    public static final String ACCOUNT_PLACEMENT = "account";
    /** Ledger entries "My points" shows; the shop links to a longer history if it has one. */
    static final int HISTORY_SHOWN = 10;

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
        StringBuilder out = new StringBuilder();
        out.append("<div class=\"kz-shopper\" lang=\"").append(lang(locale)).append("\">");
        out.append("<link rel=\"stylesheet\" href=\"").append(new Assets(contextPath).url("shopper/shopper.css")).append("\">");
        out.append(myPoints(customerRef, locale));
        out.append(myRank(customerRef, locale));
        out.append(myCoupons(customerRef, locale));
        out.append(pendingSurveys(customerRef, locale));
        out.append(profileQuestions(customerRef, locale));
        return out.append("</div>").toString();
    }

    /** Balance, pending points, upcoming expiries and history; empty without the points feature. */
    public String myPoints(String customerRef, Locale locale) {
        Optional<PointsQueries.PointsView> view = runtime.context().ports().find(PointsQueries.class)
                .flatMap(p -> p.points(customerRef, messages(locale).locale(), HISTORY_SHOWN, 0, false));
        if (view.isEmpty()) {
            return "";
        }
        Map<String, Object> model = model(locale);
        model.put("points", view.get());
        return render("my-points.ftlh", locale, model);
    }

    /** The rank, its benefits and the way to the next rank; empty without the ranks feature. */
    public String myRank(String customerRef, Locale locale) {
        Optional<RankQueries> ranks = runtime.context().ports().find(RankQueries.class);
        if (ranks.isEmpty()) {
            return "";
        }
        Optional<RankQueries.RankStatus> status = ranks.get().status(customerRef, locale, false);
        if (status.isEmpty()) {
            return "";
        }
        Map<String, Object> model = model(locale);
        RankQueries.RankStatus s = status.get();
        model.put("status", s);
        model.put("steps", s.next() == null ? List.of() : steps(s.progress(), s.next().requires(), formats(locale), messages(locale)));
        return render("my-rank.ftlh", locale, model);
    }

    /** One bar per criterion of the next rank: how far the shopper is, in percent, and the figures. */
    public record Step(String label, long done, long required, int percent, String doneText, String requiredText) {
    }

    static List<Step> steps(RankQueries.Progress p, RankQueries.ThresholdsView requires, Formats f, Messages t) {
        List<Step> steps = new ArrayList<>();
        if (requires.points() != null) {
            steps.add(step(t.text("shopper.rank.points"), p.points(), requires.points(), f.number(p.points()),
                    f.number(requires.points())));
        }
        if (requires.orders() != null) {
            steps.add(step(t.text("shopper.rank.orders"), p.orders(), requires.orders(), f.number(p.orders()),
                    f.number(requires.orders())));
        }
        if (requires.spend() != null) {
            steps.add(step(t.text("shopper.rank.spend"), p.spend(), requires.spend(), f.money(p.spend()),
                    f.money(requires.spend())));
        }
        return steps;
    }

    static Step step(String label, long done, long required, String doneText, String requiredText) {
        int percent = required <= 0 ? 100 : (int) Math.min(100, Math.max(0, done * 100 / required));
        return new Step(label, Math.min(done, required), required, percent, doneText, requiredText);
    }

    /** The shopper's coupons; empty without the coupons feature. */
    public String myCoupons(String customerRef, Locale locale) {
        Optional<Campaigns> campaigns = runtime.context().ports().find(Campaigns.class);
        if (campaigns.isEmpty()) {
            return "";
        }
        Map<String, Object> model = model(locale);
        // expired and used coupons stay in the shopper's history only briefly: the usable ones are what matters here
        model.put("coupons", campaigns.get().coupons(customerRef, messages(locale).locale()).stream()
                .filter(c -> c.state().held()).toList());
        return render("my-coupons.ftlh", locale, model);
    }

    /** Surveys the shopper was invited to and can still answer, with their links. */
    public String pendingSurveys(String customerRef, Locale locale) {
        Optional<SurveyQueries> surveys = runtime.context().ports().find(SurveyQueries.class);
        if (surveys.isEmpty()) {
            return "";
        }
        List<SurveyQueries.PendingSurvey> pending = surveys.get().pendingFor(customerRef);
        if (pending.isEmpty()) {
            return "";
        }
        Map<String, Object> model = model(locale);
        model.put("surveys", pending);
        return render("pending-surveys.ftlh", locale, model);
    }

    /**
     * The next profile questions for the account page (the survey module's widget); empty when nothing is to be
     * asked. Showing it counts as a visit for the per-visit limit.
     */
    public String profileQuestions(String customerRef, Locale locale) {
        return runtime.context().ports().find(CustomerProfiles.class)
                .map(p -> p.widget(customerRef, lang(locale), ACCOUNT_PLACEMENT, contextPath)).orElse("");
    }

    private Map<String, Object> model(Locale locale) {
        Map<String, Object> model = new HashMap<>();
        model.put("t", messages(locale));
        model.put("fmt", formats(locale));
        model.put("lang", lang(locale));
        model.put("crm", contextPath + "/crm");
        return model;
    }

    private String render(String template, Locale locale, Map<String, Object> model) {
        return runtime.context().templates().render("shopper/" + template, messages(locale).locale(), model);
    }

    private static Messages messages(Locale locale) {
        return Messages.of(locale == null ? Messages.JA : locale);
    }

    private Formats formats(Locale locale) {
        return new Formats(messages(locale).locale(), runtime.context().zone(), runtime.context().host().shopCurrency());
    }

    private static String lang(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? "en" : "ja";
    }
}
