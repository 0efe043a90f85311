package dev.kizuna.loyalty.points;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/**
 * A saved version of the earning rules ({@code points_rule}). Immutable: a version is inserted once and never
 * updated, so an order keeps the rules it was submitted under; a change is a new version.
 */
@Entity
@Immutable
@Table(name = "points_rule")
class EarningRuleEntity {
    @Id
    Integer version;

    @Column(name = "base_rate_per_100", nullable = false)
    int baseRatePer100;

    @Column(name = "registration_bonus", nullable = false)
    long registrationBonus;

    @Column(name = "first_order_bonus", nullable = false)
    long firstOrderBonus;

    @Column(name = "effective_from", nullable = false)
    Instant effectiveFrom;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "created_by", nullable = false)
    String createdBy;

    EarningRules toRules() {
        return new EarningRules(version, baseRatePer100, registrationBonus, firstOrderBonus, effectiveFrom);
    }
}
