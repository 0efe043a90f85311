package dev.kizuna.survey.profiling;

import dev.kizuna.core.text.LocalizedText;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A row of {@code profile_question}; the options of a choice question are a jsonb document. */
@Entity
@Table(name = "profile_question")
class ProfileQuestionEntity {
    @Id
    String key;

    @Column(name = "label_ja", nullable = false)
    String labelJa;

    @Column(name = "label_en", nullable = false)
    String labelEn;

    @Enumerated(EnumType.STRING)
    @Column(name = "answer_type", nullable = false)
    ProfileAnswerType answerType;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    List<ProfileOption> options = new ArrayList<>();

    @Column(name = "min_value")
    BigDecimal minValue;

    @Column(name = "max_value")
    BigDecimal maxValue;

    @Column(nullable = false)
    int priority;

    @Column(nullable = false)
    boolean pii;

    @Column(name = "reward_points", nullable = false)
    long rewardPoints;

    @Column(nullable = false)
    String[] placements;

    @Enumerated(EnumType.STRING)
    @Column(name = "ask_rule", nullable = false)
    AskRule askRule;

    @Column(name = "after_visits", nullable = false)
    int afterVisits;

    @Column(nullable = false)
    boolean active;

    @Column(name = "created_at", nullable = false, updatable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    void set(ProfileQuestion q, Instant now) {
        key = q.key();
        labelJa = q.label().ja();
        labelEn = q.label().en();
        answerType = q.type();
        options = new ArrayList<>(q.options());
        minValue = q.min();
        maxValue = q.max();
        priority = q.priority();
        pii = q.pii();
        rewardPoints = q.rewardPoints();
        placements = q.placements().toArray(String[]::new);
        askRule = q.askRule();
        afterVisits = q.afterVisits();
        active = q.active();
        updatedAt = now;
    }

    ProfileQuestion toQuestion() {
        return new ProfileQuestion(key, LocalizedText.of(labelJa, labelEn), answerType, options, minValue, maxValue,
                priority, pii, rewardPoints, Arrays.asList(placements), askRule, afterVisits, active);
    }
}
