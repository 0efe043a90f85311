package dev.kizuna.loyalty.birthday;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.loyalty.coupon.CampaignStatus;
import dev.kizuna.loyalty.coupon.CampaignStore;
import dev.kizuna.loyalty.coupon.CampaignTerms;

import java.time.Instant;
import java.util.Optional;

/** The shop's one birthday campaign, whose personal codes the birthday job issues; its terms follow the configuration. */
final class BirthdayCampaign {
    static final String ACTOR = "system:birthday";

    private BirthdayCampaign() {
    }

    /** Creates the campaign, or writes a new version when the configured terms changed; returns its id. */
    static long ensure(Tx tx, CampaignStore store, CampaignTerms terms, Instant now) {
        // nodes starting together: one creates, the others then find it
        tx.sql().one("SELECT pg_advisory_xact_lock(hashtext('kizuna-birthday-campaign'), 0)", rs -> Boolean.TRUE);
        Optional<CampaignStore.CampaignRow> row = store.birthday(tx);
        if (row.isEmpty()) {
            return store.insert(tx, "BIRTHDAY", null, CampaignStatus.STORED_ACTIVE, terms, ACTOR, now);
        }
        long id = row.get().id();
        if (!store.terms(tx, id, row.get().currentVersion()).toJson().equals(terms.toJson())) {
            store.addVersion(tx, id, terms, ACTOR, now);
        }
        return id;
    }
}
