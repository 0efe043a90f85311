package dev.kizuna.messaging.report;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.messaging.delivery.MessageSource;

/** Reports per broadcast, journey and journey step. */
public final class Reports {
    private final ReportStore store = new ReportStore();

    /** The coupon cost of a campaign in codes: how many personal codes its messages carried ({@code step} as below). */
    public long couponsIssued(Tx tx, MessageSource source, long campaignId, Integer step) {
        return store.couponsIssued(tx, source, campaignId, step);
    }

    /** {@code step} is null for the whole campaign. */
    public CampaignReport report(Tx tx, MessageSource source, long campaignId, Integer step, int conversionDays) {
        ReportStore.Counts c = store.counts(tx, source, campaignId, step);
        Uplift.Group[] g = store.groups(tx, source, campaignId, step, conversionDays);
        return new CampaignReport(c.sent(), c.delivered(), c.failed(), c.heldOut(), c.capped(), c.clicked(),
                c.unsubscribed(), conversionDays, g[0], g[1], Uplift.ofRates(g[0], g[1]), Uplift.ofMeans(g[0], g[1]));
    }
}
