package dev.kizuna.loyalty.birthday;

import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.core.ports.RankBenefits;
import dev.kizuna.core.ports.RewardGranter;
import dev.kizuna.loyalty.coupon.CampaignStore;
import dev.kizuna.loyalty.coupon.CodeBatches;

/** Sets up birthday coupons: the birthday campaign from the configuration, and the {@code birthday-coupons} job. */
public final class BirthdayCoupons {
    private BirthdayCoupons() {
    }

    public static BirthdayCouponJob install(KizunaContext ctx, CampaignStore store, CodeBatches codes) {
        BirthdaySettings settings = BirthdaySettings.from(ctx.config(), store);
        ctx.database().execute(tx -> BirthdayCampaign.ensure(tx, store, settings.terms(), ctx.clock().instant()));
        BirthdayCouponJob job = new BirthdayCouponJob(store, codes, ctx.mail(), ctx.zone(), settings,
                ctx.config().publicBaseUrl(), () -> ctx.ports().find(RankBenefits.class),
                () -> ctx.ports().find(RewardGranter.class));
        ctx.jobs().register(job);
        return job;
    }
}
