package dev.kizuna.survey.feedback;

import dev.kizuna.core.audit.AuditLog;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.survey.feedback.SurveyStore.SurveyRow;
import dev.kizuna.survey.feedback.SurveyStore.VersionRow;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@link SurveyAdmin}: the builder's operations, each in one transaction with its audit entry. */
public final class SurveyCatalog implements SurveyAdmin {
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{1,59}");

    private final Database db;
    private final SurveyStore store;
    private final Clock clock;
    private final AuditLog audit;
    private final DesignPreview preview;

    public SurveyCatalog(Database db, SurveyStore store, Clock clock, AuditLog audit, DesignPreview preview) {
        this.db = db;
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.preview = preview;
    }

    @Override
    public List<SurveySummary> surveys() {
        return db.inTransaction(tx -> {
            Map<Long, long[]> counts = new HashMap<>();
            tx.sql().list("""
                    SELECT survey_id, count(*) FILTER (WHERE status <> 'SKIPPED'), count(*) FILTER (WHERE status = 'RESPONDED')
                    FROM survey_invitation GROUP BY survey_id""",
                    rs -> counts.put(rs.getLong(1), new long[]{rs.getLong(2), rs.getLong(3)}));
            return store.all(tx).stream().map(s -> {
                Optional<VersionRow> latest = store.latestVersion(tx, s.id());
                long[] c = counts.getOrDefault(s.id(), new long[2]);
                return new SurveySummary(s.id(), s.code(), s.name(), s.status(), latest.map(VersionRow::version).orElse(null),
                        latest.map(v -> !v.design().equals(s.draft())).orElse(true), c[0], c[1]);
            }).toList();
        });
    }

    @Override
    public SurveyDetail survey(long id) {
        return db.inTransaction(tx -> detail(tx, id));
    }

    @Override
    public SurveyDetail create(NewSurvey survey, String actor) {
        if (survey.code() == null || !CODE.matcher(survey.code()).matches()) {
            throw new InvalidInput("code", "survey.code-format");
        }
        if (survey.design() == null) {
            throw new InvalidInput("design", "required");
        }
        if (survey.settings() == null) {
            throw new InvalidInput("settings", "required");
        }
        SurveySettings settings = survey.settings().trigger() == null
                ? new SurveySettings(survey.settings().name(), survey.settings().rewardPoints(), InvitationTrigger.DEFAULT)
                : survey.settings();
        // the body nests both: a field is named as the body has it (design.questions[0].type, settings.name)
        within("settings", settings::validate);
        within("design", survey.design()::validate);
        return db.inTransaction(tx -> {
            long id = store.create(tx, survey.code(), survey.design(), settings, clock.instant());
            SurveyDetail created = detail(tx, id);
            audit.record(tx, actor, "survey.create", subject(id), null, created);
            return created;
        });
    }

    @Override
    public SurveyDetail saveDraft(long id, SurveyDesign design, String actor) {
        validateDesign(design);
        return db.inTransaction(tx -> {
            SurveyRow before = locked(tx, id);
            store.saveDraft(tx, id, design, clock.instant());
            audit.record(tx, actor, "survey.draft", subject(id), before.draft(), design);
            return detail(tx, id);
        });
    }

    @Override
    public SurveyDetail updateSettings(long id, SurveySettings settings, String actor) {
        if (settings == null) {
            throw new InvalidInput("body", "survey.settings-required");
        }
        settings.validate();
        return db.inTransaction(tx -> {
            SurveyRow before = locked(tx, id);
            store.saveSettings(tx, id, settings, clock.instant());
            audit.record(tx, actor, "survey.settings", subject(id), before.settings(), settings);
            return detail(tx, id);
        });
    }

    @Override
    public SurveyDetail publish(long id, String actor) {
        return db.inTransaction(tx -> {
            SurveyRow survey = locked(tx, id);
            Optional<VersionRow> latest = store.latestVersion(tx, id);
            if (latest.isPresent() && latest.get().design().equals(survey.draft())) {
                throw new Conflict("NOTHING_TO_PUBLISH", "the draft is the same as version " + latest.get().version());
            }
            // saved drafts were checked, but the rules may have tightened since: a version must be valid
            survey.draft().validate();
            VersionRow published = store.publish(tx, id, survey.draft(), actor, clock.instant());
            audit.record(tx, actor, "survey.publish", subject(id), latest.map(VersionRow::version).orElse(null),
                    Map.of("version", published.version(), "design", published.design()));
            return detail(tx, id);
        });
    }

    @Override
    public SurveyDetail changeStatus(long id, StatusChange change, String actor) {
        if (change == null || change.status() == null) {
            throw new InvalidInput("status", "required");
        }
        if (change.status() == SurveyStatus.DRAFT) {
            throw new InvalidInput("status", "survey.back-to-draft");
        }
        return db.inTransaction(tx -> {
            SurveyRow before = locked(tx, id);
            Instant now = clock.instant();
            Instant invitesFrom = before.invitesFrom();
            if (change.status() == SurveyStatus.ACTIVE) {
                if (store.latestVersion(tx, id).isEmpty()) {
                    throw new Conflict("NOT_PUBLISHED", "publish the survey before activating it");
                }
                if (change.invitesFrom() != null) {
                    invitesFrom = change.invitesFrom();
                } else if (before.status() != SurveyStatus.ACTIVE) {
                    // orders delivered while the survey was off are not invited afterwards
                    invitesFrom = now;
                }
            }
            store.saveStatus(tx, id, change.status(), invitesFrom, now);
            audit.record(tx, actor, "survey.status", subject(id), Map.of("status", before.status()),
                    invitesFrom == null ? Map.of("status", change.status())
                            : Map.of("status", change.status(), "invitesFrom", invitesFrom));
            return detail(tx, id);
        });
    }

    @Override
    public String preview(long id, String lang, String contextPath) {
        SurveyDesign draft = db.inTransaction(tx -> store.find(tx, id).orElseThrow(() -> notFound(id)).draft());
        return preview.render(draft, lang, contextPath);
    }

    private static void within(String parent, Runnable validation) {
        try {
            validation.run();
        } catch (InvalidInput e) {
            throw new InvalidInput(parent + "." + e.field(), e.key(), e.args());
        }
    }

    private static void validateDesign(SurveyDesign design) {
        if (design == null) {
            throw new InvalidInput("body", "survey.design-required");
        }
        design.validate();
    }

    private SurveyRow locked(Tx tx, long id) {
        return store.lock(tx, id).orElseThrow(() -> notFound(id));
    }

    private SurveyDetail detail(Tx tx, long id) {
        SurveyRow s = store.find(tx, id).orElseThrow(() -> notFound(id));
        Map<Long, Long> responses = new HashMap<>();
        tx.sql().list("SELECT survey_version_id, count(*) FROM survey_response WHERE survey_id = ? GROUP BY 1",
                rs -> responses.put(rs.getLong(1), rs.getLong(2)), id);
        List<VersionRow> versions = store.versions(tx, id);
        VersionRow latest = versions.isEmpty() ? null : versions.get(versions.size() - 1);
        return new SurveyDetail(s.id(), s.code(), s.name(), s.status(), s.settings(), s.invitesFrom(), s.draft(),
                latest == null ? null : latest.design(), latest == null ? null : latest.version(),
                latest == null || !latest.design().equals(s.draft()),
                versions.stream().map(v -> new VersionInfo(v.id(), v.version(), v.publishedAt(), v.publishedBy(),
                        responses.getOrDefault(v.id(), 0L))).toList());
    }

    private static String subject(long id) {
        return "survey:" + id;
    }

    private static NotFound notFound(long id) {
        return new NotFound("no survey " + id);
    }
}
