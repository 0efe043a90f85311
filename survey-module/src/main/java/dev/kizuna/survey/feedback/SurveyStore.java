package dev.kizuna.survey.feedback;

import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.persistence.Tx;
import org.hibernate.LockMode;
import org.hibernate.query.SelectionQuery;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Survey definitions: the survey (draft, settings, status) and its published versions, as entities mapped to the
 * rows the feature works with.
 */
public final class SurveyStore {

    /** A survey as stored. */
    public record SurveyRow(long id, String code, String name, SurveyStatus status, SurveyDesign draft,
                            SurveySettings settings, Instant invitesFrom, Instant createdAt, Instant updatedAt) {
    }

    /** A published version: immutable. */
    public record VersionRow(long id, long surveyId, int version, SurveyDesign design, Instant publishedAt,
                             String publishedBy) {
    }

    /** The persistence classes of survey definitions, for the survey module's {@code entityClasses()}. */
    public static List<Class<?>> entities() {
        return List.of(SurveyEntity.class, SurveyVersionEntity.class);
    }

    public long create(Tx tx, String code, SurveyDesign draft, SurveySettings s, Instant now) {
        if (!surveys(tx, "from SurveyEntity where code = :code", q -> q.setParameter("code", code)).isEmpty()) {
            throw new Conflict("SURVEY_CODE_TAKEN", "a survey with code " + code + " exists already");
        }
        SurveyEntity e = new SurveyEntity();
        e.code = code;
        e.status = SurveyStatus.DRAFT;
        e.draft = draft;
        e.settings(s);
        e.createdAt = now;
        e.updatedAt = now;
        tx.session().persist(e);
        return e.id;
    }

    public Optional<SurveyRow> find(Tx tx, long id) {
        return surveys(tx, "from SurveyEntity where id = :id", q -> q.setParameter("id", id)).stream().findFirst();
    }

    /** The survey, locked against a concurrent edit or publish until the transaction ends. */
    public Optional<SurveyRow> lock(Tx tx, long id) {
        SurveyEntity e = tx.session().get(SurveyEntity.class, id, LockMode.PESSIMISTIC_WRITE);
        return e == null ? Optional.empty() : Optional.of(e.toRow());
    }

    public List<SurveyRow> all(Tx tx) {
        return surveys(tx, "from SurveyEntity order by id", q -> q);
    }

    public List<SurveyRow> active(Tx tx) {
        return surveys(tx, "from SurveyEntity where status = :active order by id",
                q -> q.setParameter("active", SurveyStatus.ACTIVE));
    }

    public void saveDraft(Tx tx, long id, SurveyDesign draft, Instant now) {
        change(tx, id, e -> {
            e.draft = draft;
            e.updatedAt = now;
        });
    }

    public void saveSettings(Tx tx, long id, SurveySettings s, Instant now) {
        change(tx, id, e -> {
            e.settings(s);
            e.updatedAt = now;
        });
    }

    public void saveStatus(Tx tx, long id, SurveyStatus status, Instant invitesFrom, Instant now) {
        change(tx, id, e -> {
            e.status = status;
            e.invitesFrom = invitesFrom;
            e.updatedAt = now;
        });
    }

    /** A new version of the design; versions already published stay as they are. */
    public VersionRow publish(Tx tx, long surveyId, SurveyDesign design, String actor, Instant now) {
        int next = (int) tx.sql().number("SELECT coalesce(max(version), 0) + 1 FROM survey_version WHERE survey_id = ?",
                surveyId);
        SurveyVersionEntity e = new SurveyVersionEntity();
        e.surveyId = surveyId;
        e.version = next;
        e.design = design;
        e.publishedAt = now;
        e.publishedBy = actor;
        tx.session().persist(e);
        return new VersionRow(e.id, surveyId, next, design, now, actor);
    }

    public Optional<VersionRow> latestVersion(Tx tx, long surveyId) {
        return versions(tx, "from SurveyVersionEntity where surveyId = :survey order by version desc",
                q -> q.setParameter("survey", surveyId).setMaxResults(1)).stream().findFirst();
    }

    public Optional<VersionRow> version(Tx tx, long versionId) {
        return versions(tx, "from SurveyVersionEntity where id = :id", q -> q.setParameter("id", versionId))
                .stream().findFirst();
    }

    public List<VersionRow> versions(Tx tx, long surveyId) {
        return versions(tx, "from SurveyVersionEntity where surveyId = :survey order by version",
                q -> q.setParameter("survey", surveyId));
    }

    /** Changes the survey row; flushed at once, so the SQL after it (audit, invitations) reads the change. */
    private static void change(Tx tx, long id, Consumer<SurveyEntity> edit) {
        SurveyEntity e = tx.session().get(SurveyEntity.class, id);
        if (e != null) {
            edit.accept(e);
            tx.session().flush();
        }
    }

    /** Surveys read: mapped to rows, nothing left in the session. */
    private static List<SurveyRow> surveys(Tx tx, String hql, UnaryOperator<SelectionQuery<SurveyEntity>> params) {
        List<SurveyEntity> rows = params.apply(tx.session().createSelectionQuery(hql, SurveyEntity.class)
                .setReadOnly(true)).getResultList();
        List<SurveyRow> out = rows.stream().map(SurveyEntity::toRow).toList();
        rows.forEach(tx.session()::detach);
        return out;
    }

    private static List<VersionRow> versions(Tx tx, String hql,
                                             UnaryOperator<SelectionQuery<SurveyVersionEntity>> params) {
        List<SurveyVersionEntity> rows = params.apply(tx.session().createSelectionQuery(hql, SurveyVersionEntity.class)
                .setReadOnly(true)).getResultList();
        List<VersionRow> out = rows.stream().map(SurveyVersionEntity::toRow).toList();
        rows.forEach(tx.session()::detach);
        return out;
    }

    public static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    public static Array array(Tx tx, List<String> values) {
        return tx.sql().textArray(values.toArray(String[]::new));
    }
}
