package dev.kizuna.messaging.report;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.CouponIssuer;
import dev.kizuna.core.ports.ModulePorts;
import dev.kizuna.messaging.delivery.MessageSource;

/** Reports per broadcast, journey and journey step. */
public final class Reports {
    private final ReportStore store = new ReportStore();
    private final ModulePorts ports;

    public Reports(ModulePorts ports) {
        this.ports = ports;
    }

    /**
     * What a campaign's coupons cost: the personal codes its messages carried, the orders placed with them and the
     * discount those took (committed uses; without the coupons feature, none).
     */
    public record CouponCost(long issued, long used, long discount) {
    }

    /** {@code step} as below. */
    public CouponCost couponCost(Tx tx, MessageSource source, long campaignId, Integer step) {
        long issued = store.couponsIssued(tx, source, campaignId, step);
        CouponIssuer.Redeemed used = issued == 0 ? CouponIssuer.Redeemed.NONE : ports.find(CouponIssuer.class)
                .map(c -> c.redeemed(tx, ReportStore.codesQuery(step), ReportStore.codesArgs(source, campaignId, step)))
                .orElse(CouponIssuer.Redeemed.NONE);
        return new CouponCost(issued, used.orders(), used.discount());
    }

    /** {@code step} is null for the whole campaign. */
    public CampaignReport report(Tx tx, MessageSource source, long campaignId, Integer step, int conversionDays) {
        ReportStore.Counts c = store.counts(tx, source, campaignId, step);
        Uplift.Group[] g = store.groups(tx, source, campaignId, step, conversionDays);
        return new CampaignReport(c.sent(), c.delivered(), c.failed(), c.heldOut(), c.capped(), c.clicked(),
                c.unsubscribed(), conversionDays, g[0], g[1], Uplift.ofRates(g[0], g[1]), Uplift.ofMeans(g[0], g[1]));
    }
}
