package dev.kizuna.loyalty.points;

import dev.kizuna.core.text.LocalizedText;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;

/**
 * A row of {@code points_campaign}. Its terms never change once created; only {@code endsAt} moves when a campaign
 * is ended early (with who did it), so the terms columns are not updatable.
 */
@Entity
@Table(name = "points_campaign")
class PointCampaignEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "name_ja", nullable = false, updatable = false)
    String nameJa;

    @Column(name = "name_en", nullable = false, updatable = false)
    String nameEn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    Campaign.Kind kind;

    @Column(name = "multiplier_percent", updatable = false)
    Integer multiplierPercent;

    @Column(name = "bonus_points", updatable = false)
    Long bonusPoints;

    @Column(nullable = false, updatable = false)
    String[] categories;

    @Column(nullable = false, updatable = false)
    String[] skus;

    @Column(updatable = false)
    String segment;

    @Column(name = "starts_at", nullable = false, updatable = false)
    Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    Instant endsAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    Instant createdAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    String createdBy;

    @Column(name = "ended_early_by")
    String endedEarlyBy;

    static PointCampaignEntity of(Campaign c, Instant now, String actor) {
        PointCampaignEntity e = new PointCampaignEntity();
        e.nameJa = c.name().ja();
        e.nameEn = c.name().en();
        e.kind = c.kind();
        e.multiplierPercent = c.multiplierPercent();
        e.bonusPoints = c.bonusPoints();
        e.categories = c.categories().toArray(String[]::new);
        e.skus = c.skus().toArray(String[]::new);
        e.segment = c.segment();
        e.startsAt = c.startsAt();
        e.endsAt = c.endsAt();
        e.createdAt = now;
        e.createdBy = actor;
        return e;
    }

    Campaign toCampaign() {
        return new Campaign(id, LocalizedText.of(nameJa, nameEn), kind, multiplierPercent, bonusPoints, Arrays.asList(categories),
                Arrays.asList(skus), segment, startsAt, endsAt);
    }
}
