package dev.kizuna.messaging.report;

/**
 * What a broadcast, a journey or one step of it did: messages by outcome (opens are not measured: pixels are
 * blocked or fetched by privacy proxies, so they say little) and, within {@code conversionDays} of the message,
 * conversions and revenue of the messaged customers against the holdout, with the uplift and its 95 % interval.
 */
public record CampaignReport(long sent, long delivered, long failed, long heldOut, long capped, long clicked,
                             long unsubscribed, int conversionDays, Uplift.Group messaged, Uplift.Group holdout,
                             Uplift conversionUplift, Uplift revenueUplift) {
}
