package dev.kizuna.loyalty.coupon;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.CouponIssuer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Personal codes of a standard campaign issued to members for another feature (a broadcast's per-recipient coupon,
 * a referral's reward), through the same code batches the console generates; a campaign that has ended issues none.
 */
final class CouponIssue implements CouponIssuer {
    private final CampaignStore store;
    private final CodeBatches codes;

    CouponIssue(CampaignStore store, CodeBatches codes) {
        this.store = store;
        this.codes = codes;
    }

    @Override
    public boolean canIssue(Tx tx, long campaignId) {
        return store.find(tx, campaignId).filter(c -> c.kind() == CampaignKind.STANDARD
                && c.status() != CampaignStatus.Stored.ENDED).isPresent();
    }

    @Override
    public List<Issuable> issuable(Tx tx) {
        return store.all(tx).stream()
                .filter(c -> c.kind() == CampaignKind.STANDARD && c.status() != CampaignStatus.Stored.ENDED)
                .map(c -> new Issuable(c.id(), store.terms(tx, c.id(), c.currentVersion()).name()))
                .toList();
    }

    @Override
    public Map<Long, String> issue(Tx tx, long campaignId, List<Long> memberIds, Instant now, Instant validTo) {
        if (memberIds.isEmpty() || !canIssue(tx, campaignId)) {
            return Map.of();
        }
        return codes.assign(tx, campaignId, memberIds, now, validTo, now);
    }

    @Override
    public Map<Long, String> draw(Tx tx, long campaignId, List<Long> memberIds) {
        if (memberIds.isEmpty() || !canIssue(tx, campaignId)) {
            return Map.of();
        }
        Map<Long, String> drawn = new LinkedHashMap<>();
        for (Long m : memberIds) {
            drawn.put(m, codes.draw());
        }
        return drawn;
    }

    @Override
    public void store(Tx tx, long campaignId, Map<Long, String> drawn, Instant now, Instant validTo) {
        codes.assignDrawn(tx, campaignId, drawn, now, validTo, now);
    }

    @Override
    public Redeemed redeemed(Tx tx, String codesQuery, List<Object> args) {
        return store.redeemed(tx, codesQuery, args);
    }
}
