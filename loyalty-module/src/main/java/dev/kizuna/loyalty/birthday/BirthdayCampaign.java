package dev.kizuna.loyalty.birthday;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.loyalty.coupon.CampaignKind;
import dev.kizuna.loyalty.coupon.CampaignStatus;
import dev.kizuna.loyalty.coupon.CampaignStore;
import dev.kizuna.loyalty.coupon.CampaignTerms;

import java.time.Instant;
import java.util.Optional;

/**
 * The shop's one birthday campaign, whose personal codes the birthday job issues. The configuration gives its first
 * terms; from then on the merchant edits them in the console like any campaign (each change a new version).
 */
final class BirthdayCampaign {
    static final String ACTOR = "system:birthday";

    private BirthdayCampaign() {
    }

    /** Creates the campaign with the configured terms if the shop has none yet; returns its id. */
    static long ensure(Tx tx, CampaignStore store, CampaignTerms terms, Instant now) {
        // nodes starting together: one creates, the others then find it
        tx.sql().one("SELECT pg_advisory_xact_lock(hashtext('kizuna-birthday-campaign'), 0)", rs -> Boolean.TRUE);
        Optional<CampaignStore.CampaignRow> row = store.birthday(tx);
        if (row.isEmpty()) {
            return store.insert(tx, CampaignKind.BIRTHDAY, null, CampaignStatus.Stored.ACTIVE, terms, ACTOR, now);
        }
        return row.get().id();
    }
}
