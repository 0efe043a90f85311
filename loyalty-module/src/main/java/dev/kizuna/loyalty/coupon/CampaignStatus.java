package dev.kizuna.loyalty.coupon;

import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;

import java.time.Instant;

/**
 * A campaign's status as the merchant sees it. {@link Stored} are DRAFT, ACTIVE, PAUSED and ENDED; an ACTIVE campaign
 * shows as SCHEDULED before its window, LIVE within it and ENDED after it, so nobody has to flip it on time.
 */
public enum CampaignStatus {
    DRAFT, SCHEDULED, LIVE, PAUSED, ENDED;

    /** The status as stored in {@code coupon_campaign.status} (by name; a CHECK constraint lists the same names). */
    public enum Stored { DRAFT, ACTIVE, PAUSED, ENDED }

    public static CampaignStatus shown(Stored stored, CampaignTerms terms, Instant now) {
        return switch (stored) {
            case DRAFT -> DRAFT;
            case PAUSED -> PAUSED;
            case ENDED -> ENDED;
            case ACTIVE -> terms.validFrom() != null && now.isBefore(terms.validFrom()) ? SCHEDULED
                    : terms.validTo() != null && !now.isBefore(terms.validTo()) ? ENDED : LIVE;
        };
    }

    /** The stored status for a new campaign asked to start as {@code requested}. */
    static Stored initial(CampaignStatus requested) {
        return switch (requested) {
            case DRAFT -> Stored.DRAFT;
            case SCHEDULED, LIVE -> Stored.ACTIVE;
            case PAUSED -> Stored.PAUSED;
            case ENDED -> throw new InvalidInput("status", "coupon.cannot-start-ended");
        };
    }

    /**
     * The stored status after the merchant asks for {@code requested}: DRAFT → LIVE/SCHEDULED (both activate; the
     * window decides which shows), LIVE/SCHEDULED ⇄ PAUSED, anything → ENDED, which is final.
     */
    static Stored transition(Stored stored, CampaignStatus requested) {
        if (stored == Stored.ENDED) {
            throw new Conflict("CAMPAIGN_ENDED", "an ended campaign cannot change status");
        }
        return switch (requested) {
            case SCHEDULED, LIVE -> Stored.ACTIVE;
            case PAUSED -> {
                if (stored == Stored.DRAFT) {
                    throw new Conflict("STATUS_CHANGE_NOT_ALLOWED", "a draft campaign cannot be paused; make it live or end it");
                }
                yield Stored.PAUSED;
            }
            case ENDED -> Stored.ENDED;
            case DRAFT -> {
                if (stored != Stored.DRAFT) {
                    throw new Conflict("STATUS_CHANGE_NOT_ALLOWED", "a campaign that went live cannot return to draft; pause it");
                }
                yield Stored.DRAFT;
            }
        };
    }
}
