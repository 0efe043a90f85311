package dev.kizuna.loyalty.rank;

import dev.kizuna.core.ports.MemberDiscount;
import dev.kizuna.core.text.LocalizedText;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A row of {@code rank_definition}; the perks are jsonb arrays of texts. */
@Entity
@Table(name = "rank_definition")
class RankDefinitionEntity {
    @Id
    String code;

    @Column(nullable = false)
    int level;

    @Column(name = "name_ja", nullable = false)
    String nameJa;

    @Column(name = "name_en", nullable = false)
    String nameEn;

    @Column(name = "min_points")
    Long minPoints;

    @Column(name = "min_orders")
    Long minOrders;

    @Column(name = "min_spend")
    Long minSpend;

    @Column(name = "point_multiplier_percent", nullable = false)
    int pointMultiplierPercent;

    @Column(name = "free_shipping_threshold")
    Long freeShippingThreshold;

    @Column(name = "birthday_bonus_points", nullable = false)
    long birthdayBonusPoints;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "perks_ja", nullable = false)
    List<String> perksJa = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "perks_en", nullable = false)
    List<String> perksEn = new ArrayList<>();

    @Column(name = "member_discount_percent", nullable = false)
    int memberDiscountPercent;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "member_discount_by_category", nullable = false)
    Map<String, Integer> memberDiscountByCategory = new HashMap<>();

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    RankDefinition toDefinition() {
        return new RankDefinition(code, level, LocalizedText.of(nameJa, nameEn), new Thresholds(minPoints, minOrders, minSpend),
                pointMultiplierPercent, freeShippingThreshold, birthdayBonusPoints, perksJa, perksEn,
                new MemberDiscount(memberDiscountPercent, memberDiscountByCategory));
    }

    void set(RankDefinition d, Instant now) {
        code = d.code();
        level = d.level();
        nameJa = d.name().ja();
        nameEn = d.name().en();
        minPoints = d.thresholds().minPoints();
        minOrders = d.thresholds().minOrders();
        minSpend = d.thresholds().minSpend();
        pointMultiplierPercent = d.pointMultiplierPercent();
        freeShippingThreshold = d.freeShippingThreshold();
        birthdayBonusPoints = d.birthdayBonusPoints();
        perksJa = new ArrayList<>(d.perksJa());
        perksEn = new ArrayList<>(d.perksEn());
        memberDiscountPercent = d.memberDiscount().percent();
        memberDiscountByCategory = new HashMap<>(d.memberDiscount().byCategory());
        updatedAt = now;
    }
}
