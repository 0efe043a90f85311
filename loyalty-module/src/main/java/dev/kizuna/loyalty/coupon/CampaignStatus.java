package dev.kizuna.loyalty.coupon;

import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;

import java.time.Instant;

/**
 * A campaign's status as the merchant sees it. Stored are DRAFT, ACTIVE, PAUSED and ENDED; an ACTIVE campaign shows as
 * SCHEDULED before its window, LIVE within it and ENDED after it, so nobody has to flip it on time.
 */
public enum CampaignStatus {
    DRAFT, SCHEDULED, LIVE, PAUSED, ENDED;

    public static final String STORED_DRAFT = "DRAFT";
    public static final String STORED_ACTIVE = "ACTIVE";
    public static final String STORED_PAUSED = "PAUSED";
    public static final String STORED_ENDED = "ENDED";

    public static CampaignStatus shown(String stored, CampaignTerms terms, Instant now) {
        return switch (stored) {
            case STORED_DRAFT -> DRAFT;
            case STORED_PAUSED -> PAUSED;
            case STORED_ENDED -> ENDED;
            default -> terms.validFrom() != null && now.isBefore(terms.validFrom()) ? SCHEDULED
                    : terms.validTo() != null && !now.isBefore(terms.validTo()) ? ENDED : LIVE;
        };
    }

    public static CampaignStatus parse(String requested, String field) {
        try {
            return CampaignStatus.valueOf(requested == null ? "" : requested.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, "one-of", "DRAFT, SCHEDULED, LIVE, PAUSED, ENDED");
        }
    }

    /** The stored status for a new campaign asked to start as {@code requested}. */
    static String initial(CampaignStatus requested) {
        return switch (requested) {
            case DRAFT -> STORED_DRAFT;
            case SCHEDULED, LIVE -> STORED_ACTIVE;
            case PAUSED -> STORED_PAUSED;
            case ENDED -> throw new InvalidInput("status", "coupon.cannot-start-ended");
        };
    }

    /**
     * The stored status after the merchant asks for {@code requested}: DRAFT → LIVE/SCHEDULED (both activate; the
     * window decides which shows), LIVE/SCHEDULED ⇄ PAUSED, anything → ENDED, which is final.
     */
    static String transition(String stored, CampaignStatus requested) {
        if (stored.equals(STORED_ENDED)) {
            throw new Conflict("CAMPAIGN_ENDED", "an ended campaign cannot change status");
        }
        return switch (requested) {
            case SCHEDULED, LIVE -> STORED_ACTIVE;
            case PAUSED -> {
                if (stored.equals(STORED_DRAFT)) {
                    throw new Conflict("STATUS_CHANGE_NOT_ALLOWED", "a draft campaign cannot be paused; make it live or end it");
                }
                yield STORED_PAUSED;
            }
            case ENDED -> STORED_ENDED;
            case DRAFT -> {
                if (!stored.equals(STORED_DRAFT)) {
                    throw new Conflict("STATUS_CHANGE_NOT_ALLOWED", "a campaign that went live cannot return to draft; pause it");
                }
                yield STORED_DRAFT;
            }
        };
    }
}
