package dev.kizuna.survey.feedback;

import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.json.Json;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The SQL of survey definitions: the survey row (draft, settings, status) and its published versions. */
public final class SurveyStore {

    /** A survey as stored. */
    public record SurveyRow(long id, String code, String name, SurveyStatus status, SurveyDesign draft,
                            SurveySettings settings, Instant invitesFrom, Instant createdAt, Instant updatedAt) {
    }

    /** A published version: immutable. */
    public record VersionRow(long id, long surveyId, int version, SurveyDesign design, Instant publishedAt,
                             String publishedBy) {
    }

    private static final String SURVEY_COLUMNS = """
            id, code, name, status, draft::text, days_after_delivery, channel, ranks, segments, sampling_percent,
            cooldown_days, link_valid_days, reward_points, invites_from, created_at, updated_at""";

    public long create(Tx tx, String code, SurveyDesign draft, SurveySettings s, Instant now) {
        if (tx.sql().number("SELECT count(*) FROM survey WHERE code = ?", code) > 0) {
            throw new Conflict("SURVEY_CODE_TAKEN", "a survey with code " + code + " exists already");
        }
        InvitationTrigger t = s.trigger();
        return tx.sql().one("""
                INSERT INTO survey (code, name, status, draft, days_after_delivery, channel, ranks, segments,
                                    sampling_percent, cooldown_days, link_valid_days, reward_points, created_at, updated_at)
                VALUES (?, ?, 'DRAFT', ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", rs -> rs.getLong(1),
                code, s.name(), Json.write(draft), t.daysAfterDelivery(), t.channel(), array(tx, t.ranks()),
                array(tx, t.segments()), t.samplingPercent(), t.cooldownDays(), t.linkValidDays(), s.rewardPoints(),
                now, now).orElseThrow();
    }

    public Optional<SurveyRow> find(Tx tx, long id) {
        return tx.sql().one("SELECT " + SURVEY_COLUMNS + " FROM survey WHERE id = ?", SurveyStore::survey, id);
    }

    /** The survey, locked against a concurrent edit or publish until the transaction ends. */
    public Optional<SurveyRow> lock(Tx tx, long id) {
        return tx.sql().one("SELECT " + SURVEY_COLUMNS + " FROM survey WHERE id = ? FOR UPDATE", SurveyStore::survey, id);
    }

    public List<SurveyRow> all(Tx tx) {
        return tx.sql().list("SELECT " + SURVEY_COLUMNS + " FROM survey ORDER BY id", SurveyStore::survey);
    }

    public List<SurveyRow> active(Tx tx) {
        return tx.sql().list("SELECT " + SURVEY_COLUMNS + " FROM survey WHERE status = 'ACTIVE' ORDER BY id",
                SurveyStore::survey);
    }

    public void saveDraft(Tx tx, long id, SurveyDesign draft, Instant now) {
        tx.sql().update("UPDATE survey SET draft = ?::jsonb, updated_at = ? WHERE id = ?", Json.write(draft), now, id);
    }

    public void saveSettings(Tx tx, long id, SurveySettings s, Instant now) {
        InvitationTrigger t = s.trigger();
        tx.sql().update("""
                UPDATE survey SET name = ?, reward_points = ?, days_after_delivery = ?, channel = ?, ranks = ?,
                       segments = ?, sampling_percent = ?, cooldown_days = ?, link_valid_days = ?, updated_at = ?
                WHERE id = ?""", s.name(), s.rewardPoints(), t.daysAfterDelivery(), t.channel(), array(tx, t.ranks()),
                array(tx, t.segments()), t.samplingPercent(), t.cooldownDays(), t.linkValidDays(), now, id);
    }

    public void saveStatus(Tx tx, long id, SurveyStatus status, Instant invitesFrom, Instant now) {
        tx.sql().update("UPDATE survey SET status = ?, invites_from = ?, updated_at = ? WHERE id = ?",
                status, invitesFrom, now, id);
    }

    public VersionRow publish(Tx tx, long surveyId, SurveyDesign design, String actor, Instant now) {
        int next = (int) tx.sql().number("SELECT coalesce(max(version), 0) + 1 FROM survey_version WHERE survey_id = ?",
                surveyId);
        long id = tx.sql().one("""
                INSERT INTO survey_version (survey_id, version, design, published_at, published_by)
                VALUES (?, ?, ?::jsonb, ?, ?) RETURNING id""", rs -> rs.getLong(1),
                surveyId, next, Json.write(design), now, actor).orElseThrow();
        return new VersionRow(id, surveyId, next, design, now, actor);
    }

    public Optional<VersionRow> latestVersion(Tx tx, long surveyId) {
        return tx.sql().one("""
                SELECT id, survey_id, version, design::text, published_at, published_by FROM survey_version
                WHERE survey_id = ? ORDER BY version DESC LIMIT 1""", SurveyStore::version, surveyId);
    }

    public Optional<VersionRow> version(Tx tx, long versionId) {
        return tx.sql().one("""
                SELECT id, survey_id, version, design::text, published_at, published_by FROM survey_version
                WHERE id = ?""", SurveyStore::version, versionId);
    }

    public List<VersionRow> versions(Tx tx, long surveyId) {
        return tx.sql().list("""
                SELECT id, survey_id, version, design::text, published_at, published_by FROM survey_version
                WHERE survey_id = ? ORDER BY version""", SurveyStore::version, surveyId);
    }

    private static SurveyRow survey(ResultSet rs) throws SQLException {
        InvitationTrigger trigger = new InvitationTrigger(rs.getInt(6), InvitationTrigger.Channel.valueOf(rs.getString(7)),
                texts(rs.getArray(8)), texts(rs.getArray(9)), rs.getInt(10), rs.getInt(11), rs.getInt(12));
        return new SurveyRow(rs.getLong(1), rs.getString(2), rs.getString(3), SurveyStatus.valueOf(rs.getString(4)),
                Json.read(rs.getString(5), SurveyDesign.class), new SurveySettings(rs.getString(3), rs.getLong(13), trigger),
                Sql.instant(rs, "invites_from"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }

    private static VersionRow version(ResultSet rs) throws SQLException {
        return new VersionRow(rs.getLong(1), rs.getLong(2), rs.getInt(3), Json.read(rs.getString(4), SurveyDesign.class),
                Sql.instant(rs, "published_at"), rs.getString(6));
    }

    public static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    public static Array array(Tx tx, List<String> values) {
        return tx.sql().textArray(values.toArray(String[]::new));
    }
}
