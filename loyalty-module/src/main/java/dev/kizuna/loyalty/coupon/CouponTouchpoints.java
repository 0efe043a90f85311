package dev.kizuna.loyalty.coupon;

import dev.kizuna.core.crypto.CouponCodes;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.ports.Touchpoint;
import dev.kizuna.core.ports.TouchpointKind;
import dev.kizuna.core.ports.TouchpointSource;
import dev.kizuna.core.text.LocalizedText;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Coupons on the customer timeline: each personal code issued to the member (birthday coupons and codes assigned by
 * staff among them) and each coupon use paid with an order, with the campaign's name as it read then. Both kinds
 * come from one statement, each arm an index range on the member's rows.
 */
final class CouponTouchpoints implements TouchpointSource {

    @Override
    public Set<TouchpointKind> kinds() {
        return EnumSet.of(TouchpointKind.COUPON_ISSUED, TouchpointKind.COUPON_USED);
    }

    @Override
    public Query query(long memberId, Set<TouchpointKind> kinds, Instant at, String key, int limit) {
        List<String> arms = new ArrayList<>(2);
        List<Object> params = new ArrayList<>();
        if (kinds.contains(TouchpointKind.COUPON_ISSUED)) {
            arms.add("""
                    (SELECT c.created_at AS at, ('coupon:' || c.code) COLLATE "C" AS key, c.code,
                            v.terms -> 'name' ->> 'ja' AS ja, v.terms -> 'name' ->> 'en' AS en,
                            NULL::bigint AS discount, NULL::text AS order_ref
                     FROM coupon_code c
                     JOIN coupon_campaign cc ON cc.id = c.campaign_id
                     JOIN coupon_campaign_version v ON v.campaign_id = cc.id AND v.version = cc.current_version
                     WHERE c.member_id = ? AND c.created_at <= ?
                       AND (c.created_at < ? OR ('coupon:' || c.code) COLLATE "C" < ?)
                     ORDER BY c.created_at DESC, 2 DESC LIMIT ?)""");
            params.addAll(List.of(memberId, at, at, key, limit));
        }
        if (kinds.contains(TouchpointKind.COUPON_USED)) {
            arms.add("""
                    (SELECT r.committed_at AS at, ('coupon-use:' || lpad(r.id::text, 19, '0')) COLLATE "C" AS key, r.code,
                            v.terms -> 'name' ->> 'ja' AS ja, v.terms -> 'name' ->> 'en' AS en, r.discount, r.order_ref
                     FROM coupon_redemption r
                     JOIN coupon_campaign_version v ON v.campaign_id = r.campaign_id AND v.version = r.campaign_version
                     WHERE r.member_id = ? AND r.status = %s AND r.committed_at <= ?
                       AND (r.committed_at < ? OR ('coupon-use:' || lpad(r.id::text, 19, '0')) COLLATE "C" < ?)
                     ORDER BY r.committed_at DESC, r.id DESC LIMIT ?)""".formatted(Sql.literals(RedemptionStatus.COMMITTED)));
            params.addAll(List.of(memberId, at, at, key, limit));
        }
        params.add(limit);
        return new Query("SELECT * FROM (" + String.join(" UNION ALL ", arms) + ") t ORDER BY 1 DESC, 2 DESC LIMIT ?",
                params);
    }

    @Override
    public Touchpoint touchpoint(Row r) {
        // a personal code as the shopper was given it, in groups of four; a campaign's own code as the merchant chose it
        String stored = r.text("code");
        String code = CouponCodes.isWellFormed(stored) ? CouponCodes.display(stored) : stored;
        LocalizedText name = name(r.text("ja"), r.text("en"), code);
        String orderRef = r.text("order_ref");
        if (orderRef == null) {
            return new Touchpoint(r.instant("at"), TouchpointKind.COUPON_ISSUED, r.text("key"), "timeline.coupon-issued",
                    List.of(name, code));
        }
        return new Touchpoint(r.instant("at"), TouchpointKind.COUPON_USED, r.text("key"), "timeline.coupon-used",
                List.of(name, code, new Touchpoint.Money(r.number("discount")), orderRef));
    }

    private static LocalizedText name(String ja, String en, String code) {
        boolean none = (ja == null || ja.isBlank()) && (en == null || en.isBlank());
        return none ? LocalizedText.of(code, code) : LocalizedText.of(ja, en);
    }
}
