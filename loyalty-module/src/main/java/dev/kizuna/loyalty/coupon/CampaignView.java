package dev.kizuna.loyalty.coupon;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.Instant;

/**
 * A campaign as the merchant sees it: its current terms (in JSON at the top level, beside id and status), the status
 * shown (the window decides between SCHEDULED, LIVE and ENDED), and, read one at a time, its statistics.
 *
 * @param code       the shared code; null for personal codes only
 * @param statistics null in lists
 */
public record CampaignView(long id, CampaignKind kind, String code, CampaignStatus status, int version,
                           @JsonUnwrapped CampaignTerms terms, Instant createdAt, String createdBy, Instant updatedAt,
                           @JsonInclude(JsonInclude.Include.NON_NULL) CampaignStatistics statistics) {

    public boolean birthday() {
        return kind == CampaignKind.BIRTHDAY;
    }
}
