package dev.kizuna.survey.feedback;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Arrays;

/** A row of {@code survey}: the draft design (a jsonb document), the invitation settings and the status. */
@Entity
@Table(name = "survey")
class SurveyEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(nullable = false, updatable = false)
    String code;

    @Column(nullable = false)
    String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    SurveyStatus status;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    SurveyDesign draft;

    @Column(name = "days_after_delivery", nullable = false)
    int daysAfterDelivery;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    InvitationTrigger.Channel channel;

    @Column(nullable = false)
    String[] ranks;

    @Column(nullable = false)
    String[] segments;

    @Column(name = "sampling_percent", nullable = false)
    int samplingPercent;

    @Column(name = "cooldown_days", nullable = false)
    int cooldownDays;

    @Column(name = "link_valid_days", nullable = false)
    int linkValidDays;

    @Column(name = "reward_points", nullable = false)
    long rewardPoints;

    @Column(name = "invites_from")
    Instant invitesFrom;

    @Column(name = "created_at", nullable = false, updatable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    void settings(SurveySettings s) {
        InvitationTrigger t = s.trigger();
        name = s.name();
        rewardPoints = s.rewardPoints();
        daysAfterDelivery = t.daysAfterDelivery();
        channel = t.channel();
        ranks = t.ranks().toArray(String[]::new);
        segments = t.segments().toArray(String[]::new);
        samplingPercent = t.samplingPercent();
        cooldownDays = t.cooldownDays();
        linkValidDays = t.linkValidDays();
    }

    SurveyStore.SurveyRow toRow() {
        InvitationTrigger trigger = new InvitationTrigger(daysAfterDelivery, channel, Arrays.asList(ranks),
                Arrays.asList(segments), samplingPercent, cooldownDays, linkValidDays);
        return new SurveyStore.SurveyRow(id, code, name, status, draft, new SurveySettings(name, rewardPoints, trigger),
                invitesFrom, createdAt, updatedAt);
    }
}
