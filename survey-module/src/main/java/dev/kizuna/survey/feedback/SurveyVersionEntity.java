package dev.kizuna.survey.feedback;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/**
 * A published design ({@code survey_version}). Immutable: publishing inserts a new version and never changes one,
 * so every response keeps pointing at the questions it answered.
 */
@Entity
@Immutable
@Table(name = "survey_version")
class SurveyVersionEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "survey_id", nullable = false)
    long surveyId;

    @Column(nullable = false)
    int version;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    SurveyDesign design;

    @Column(name = "published_at", nullable = false)
    Instant publishedAt;

    @Column(name = "published_by", nullable = false)
    String publishedBy;

    SurveyStore.VersionRow toRow() {
        return new SurveyStore.VersionRow(id, surveyId, version, design, publishedAt, publishedBy);
    }
}
