package dev.kizuna.loyalty.birthday;

import dev.kizuna.core.crypto.CouponCodes;
import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.core.module.KizunaModule;
import dev.kizuna.core.ports.RankBenefits;
import dev.kizuna.core.ports.RewardGranter;
import dev.kizuna.loyalty.coupon.CampaignStore;
import dev.kizuna.loyalty.coupon.CodeBatches;

/**
 * Birthday coupons, built on the coupon campaigns (which know nothing of birthdays): the birthday campaign from the
 * configuration ({@link BirthdaySettings}), and the {@code birthday-coupons} job. Starts after the coupons module.
 * Its schema lives in the coupons module's migrations (the birthday slot table is a coupon table).
 */
public final class BirthdayModule implements KizunaModule {

    @Override
    public String name() {
        return "birthday";
    }

    @Override
    public int startOrder() {
        return 121;
    }

    @Override
    public void start(KizunaContext ctx) {
        CampaignStore store = new CampaignStore(ctx.zone(), ctx.host().shopCurrency().getCurrencyCode());
        CodeBatches codes = new CodeBatches(new CouponCodes(), ctx.ports());
        BirthdaySettings settings = BirthdaySettings.from(ctx.config(), store);
        ctx.database().execute(tx -> BirthdayCampaign.ensure(tx, store, settings.terms(), ctx.clock().instant()));
        ctx.jobs().register(new BirthdayCouponJob(store, codes, ctx.mail(), ctx.members(), ctx.zone(), settings,
                ctx.config().publicBaseUrl(), () -> ctx.ports().find(RankBenefits.class),
                () -> ctx.ports().find(RewardGranter.class)));
    }
}
