package dev.kizuna.messaging.delivery;

import dev.kizuna.core.console.Formats;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.CouponIssuer;
import dev.kizuna.core.ports.ModulePorts;
import dev.kizuna.core.ports.PointsFacts;
import dev.kizuna.core.ports.RankFacts;
import dev.kizuna.core.spi.HostPorts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a message template can say about its recipient: {@code name}, {@code rank}, {@code nextRank},
 * {@code pointsToNextRank} (0 at the top), {@code pointsToKeepRank}, {@code points}, {@code expiringPoints} and
 * {@code expiringOn} (a date in the recipient's language, empty when nothing expires), {@code couponCode} (empty
 * without a coupon campaign) and {@code unsubscribeUrl} (marketing messages). Figures come through the ports of the
 * features that own them; without the feature its values are empty.
 */
public final class Personalisation {
    /** Every value a template can use, as a sample customer has them (for trying a template out). */
    public static final Map<String, Object> SAMPLE = Map.ofEntries(Map.entry("name", "山田 花子"),
            Map.entry("points", 1_200L), Map.entry("expiringPoints", 300L), Map.entry("expiringOn", "2026-12-31"),
            Map.entry("rank", "Gold"), Map.entry("nextRank", "Platinum"), Map.entry("pointsToNextRank", 800L),
            Map.entry("pointsToKeepRank", 120L), Map.entry("couponCode", "SAMPLE-CODE"),
            Map.entry("unsubscribeUrl", "https://example.jp/crm/unsubscribe/sample"));

    private final ModulePorts ports;
    private final HostPorts host;

    public Personalisation(ModulePorts ports, HostPorts host) {
        this.ports = ports;
        this.host = host;
    }

    /**
     * Draws one code of {@code campaignId} per recipient, not yet stored ({@link #storeCoupons} stores those of the
     * messages sent); empty without coupons.
     */
    public Map<Long, String> coupons(Tx tx, Long campaignId, List<Outbound.Addressed> recipients) {
        if (campaignId == null) {
            return Map.of();
        }
        Optional<CouponIssuer> issuer = ports.find(CouponIssuer.class);
        if (issuer.isEmpty()) {
            return Map.of();
        }
        return issuer.get().draw(tx, campaignId, recipients.stream().map(a -> a.recipient().memberId()).toList());
    }

    /** Stores drawn codes of {@code campaignId}, valid for {@code validDays} from now. */
    public void storeCoupons(Tx tx, Long campaignId, int validDays, Map<Long, String> codes, Instant now) {
        if (campaignId == null || codes.isEmpty()) {
            return;
        }
        ports.find(CouponIssuer.class).ifPresent(issuer -> issuer.store(tx, campaignId, codes, now,
                now.plus(Duration.ofDays(validDays))));
    }

    public List<Map<String, Object>> models(Tx tx, List<Outbound.Addressed> recipients, Map<Long, String> coupons,
                                            Instant now) {
        List<Long> members = recipients.stream().map(a -> a.recipient().memberId()).toList();
        Map<Long, PointsFacts.MemberPoints> points = ports.find(PointsFacts.class)
                .map(p -> p.points(tx, members, now)).orElse(Map.of());
        Map<Long, RankFacts.MemberRankFacts> ranks = ports.find(RankFacts.class)
                .map(r -> r.ranks(tx, members)).orElse(Map.of());
        Map<String, Formats> formats = new HashMap<>();
        List<Map<String, Object>> models = new ArrayList<>(recipients.size());
        for (Outbound.Addressed a : recipients) {
            long member = a.recipient().memberId();
            Locale locale = Locale.forLanguageTag(a.recipient().locale());
            Formats f = formats.computeIfAbsent(a.recipient().locale(),
                    l -> new Formats(locale, host.shopZone(), host.shopCurrency()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", host.contact(a.recipient().customerRef()).map(HostPorts.Contact::name).orElse(""));
            PointsFacts.MemberPoints p = points.getOrDefault(member, PointsFacts.MemberPoints.NONE);
            m.put("points", p.available());
            m.put("expiringPoints", p.expiringPoints());
            m.put("expiringOn", p.expiringOn() == null ? "" : f.date(p.expiringOn()));
            RankFacts.MemberRankFacts r = ranks.get(member);
            m.put("rank", r == null ? "" : r.name().get(locale));
            m.put("nextRank", r == null || r.nextName() == null ? "" : r.nextName().get(locale));
            m.put("pointsToNextRank", r == null || r.pointsToNext() == null ? 0L : r.pointsToNext());
            m.put("pointsToKeepRank", r == null ? 0L : r.pointsToKeep());
            m.put("couponCode", coupons.getOrDefault(member, ""));
            if (a.unsubscribeUrl() != null) {
                m.put("unsubscribeUrl", a.unsubscribeUrl());
            }
            models.add(m);
        }
        return models;
    }
}
