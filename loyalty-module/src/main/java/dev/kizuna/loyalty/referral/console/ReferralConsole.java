package dev.kizuna.loyalty.referral.console;

import dev.kizuna.core.console.ConsoleContributions;
import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.FormErrors;
import dev.kizuna.core.console.Navigation;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;
import dev.kizuna.core.console.ShopperRequest;
import dev.kizuna.core.console.ShopperView;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.web.Role;
import dev.kizuna.loyalty.referral.ReferralProgram;
import dev.kizuna.loyalty.referral.ReferralQueries;
import dev.kizuna.loyalty.referral.RewardKind;
import dev.kizuna.loyalty.referral.RewardMoment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The referral program in the console: the newest referrals with their state and the rule that blocked any, the
 * program's settings form, and the shopper's "Refer a friend" with the code, the link and the points so far.
 */
public final class ReferralConsole {

    private ReferralConsole() {
    }

    public static void register(ConsoleContributions console, ReferralQueries referrals) {
        console.pages().get("/referrals", ConsoleRoutes.CUSTOMERS, r -> page(r, referrals, new FormErrors(r.messages()), 200));
        console.pages().post("/referrals/program", ConsoleRoutes.CONFIGURE, r -> save(r, referrals));
        console.menu(new Navigation.Item("referrals", "nav.referrals", "/referrals", ConsoleRoutes.CUSTOMERS, 140));
        console.shopperView(new MyReferral(referrals));
    }

    private static PageResult page(PageRequest r, ReferralQueries referrals, FormErrors errors, int status) {
        ReferralProgram p = referrals.program();
        Map<String, String> values = new HashMap<>();
        if (errors.any()) {
            values.putAll(r.formValues());
        } else {
            if (p.active()) {
                values.put("active", "on");
            }
            values.put("rewardOn", p.rewardOn().name());
            values.put("referrerPoints", Long.toString(p.referrerPoints()));
            values.put("referredPoints", Long.toString(p.referredPoints()));
            values.put("monthlyLimit", Integer.toString(p.monthlyLimit()));
            values.put("confirmDays", Integer.toString(p.confirmDays()));
            values.put("referrerCampaignId", p.couponOfReferrer() == null ? "" : Long.toString(p.couponOfReferrer()));
            values.put("referredCampaignId", p.couponOfReferred() == null ? "" : Long.toString(p.couponOfReferred()));
            values.put("couponValidDays", Integer.toString(p.couponValidDays()));
        }
        // Each side picks points (the first choice) or one of the campaigns that can issue codes now.
        List<ReferralQueries.CouponChoice> choices = referrals.couponChoices();
        List<List<String>> rewards = new ArrayList<>();
        rewards.add(List.of("", r.messages().text("referrals.reward.points")));
        Map<String, String> campaignNames = new HashMap<>();
        for (ReferralQueries.CouponChoice c : choices) {
            String name = c.name().get(r.locale());
            campaignNames.put(Long.toString(c.id()), name);
            rewards.add(List.of(Long.toString(c.id()), r.messages().text("referrals.reward.coupon", name)));
        }
        List<List<String>> moments = new ArrayList<>();
        for (RewardMoment m : RewardMoment.values()) {
            moments.add(List.of(m.name(), r.messages().text("referrals.reward-on." + m.name())));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("referrals", referrals.newest(200));
        model.put("moments", moments);
        model.put("rewards", rewards);
        model.put("campaignNames", campaignNames);
        model.put("mayConfigure", r.hasRole(Role.ADMIN, Role.MARKETER));
        model.put("errors", errors.asMap());
        model.put("values", values);
        return PageResult.view("referrals/list.ftlh", model, status);
    }

    private static PageResult save(PageRequest r, ReferralQueries referrals) {
        FormErrors errors = new FormErrors(r.messages());
        Long referrer = errors.longValue(r, "referrerPoints", true, 0, ReferralProgram.MAX_POINTS);
        Long referred = errors.longValue(r, "referredPoints", true, 0, ReferralProgram.MAX_POINTS);
        Long limit = errors.longValue(r, "monthlyLimit", true, 0, ReferralProgram.MAX_MONTHLY);
        Long days = errors.longValue(r, "confirmDays", true, 0, ReferralProgram.MAX_DAYS);
        Long couponDays = errors.longValue(r, "couponValidDays", true, 1, ReferralProgram.MAX_DAYS);
        Long referrerCoupon = errors.longValue(r, "referrerCampaignId", false, 1, Long.MAX_VALUE);
        Long referredCoupon = errors.longValue(r, "referredCampaignId", false, 1, Long.MAX_VALUE);
        if (errors.any()) {
            return page(r, referrals, errors, 400);
        }
        try {
            referrals.updateProgram(ReferralProgram.check(r.flag("active"), r.param("rewardOn").orElse(null), referrer,
                    referred, limit.intValue(), days.intValue(), kind(referrerCoupon), referrerCoupon,
                    kind(referredCoupon), referredCoupon, couponDays.intValue()), r.actor());
        } catch (InvalidInput e) {
            return page(r, referrals, errors.add(e), 400);
        }
        r.flashKey("success", "referrals.program-saved");
        return PageResult.redirect("/referrals");
    }

    /** A side with a campaign picked is rewarded with its coupon, else with points. */
    private static String kind(Long campaignId) {
        return (campaignId == null ? RewardKind.POINTS : RewardKind.COUPON).name();
    }

    /** The shopper's code and link to share, and what referring has brought so far. */
    record MyReferral(ReferralQueries referrals) implements ShopperView {
        @Override
        public String id() {
            return "my-referral";
        }

        @Override
        public int order() {
            return 250;
        }

        @Override
        public String render(ShopperRequest s) {
            return referrals.mine(s.customerRef()).filter(m -> m.program().active()).map(m -> {
                Map<String, Object> model = new HashMap<>();
                model.put("referral", m);
                if (m.referrerCoupon() != null) {
                    model.put("referrerCoupon", m.referrerCoupon().get(s.messages().locale()));
                }
                if (m.referredCoupon() != null) {
                    model.put("referredCoupon", m.referredCoupon().get(s.messages().locale()));
                }
                return s.render("my-referral.ftlh", model);
            }).orElse("");
        }
    }
}
