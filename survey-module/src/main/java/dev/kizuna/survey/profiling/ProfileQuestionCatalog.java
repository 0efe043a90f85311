package dev.kizuna.survey.profiling;

import dev.kizuna.core.audit.AuditLog;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.persistence.Database;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The merchant's profile questions ({@link ProfileQuestionAdmin}): listing, creating and changing them, audit-logged,
 * and how often each was answered or skipped. The shopper's side is {@link ProgressiveProfiling}.
 */
public final class ProfileQuestionCatalog implements ProfileQuestionAdmin {
    private final Database db;
    private final ProfileStore store = new ProfileStore();
    private final Clock clock;
    private final AuditLog audit;

    public ProfileQuestionCatalog(Database db, Clock clock, AuditLog audit) {
        this.db = db;
        this.clock = clock;
        this.audit = audit;
    }

    @Override
    public List<ProfileQuestion> questions() {
        return db.inTransaction(store::questions);
    }

    @Override
    public ProfileQuestion create(ProfileQuestion question, String actor) {
        if (question == null) {
            throw new InvalidInput("body", "profiling.question-required");
        }
        question.validate();
        return db.inTransaction(tx -> {
            if (store.question(tx, question.key()).isPresent()) {
                throw new Conflict("PROFILE_QUESTION_EXISTS", "a profile question " + question.key() + " exists already");
            }
            store.insert(tx, question, clock.instant());
            audit.record(tx, actor, "profile-question.create", "profile-question:" + question.key(), null, question);
            return store.question(tx, question.key()).orElseThrow();
        });
    }

    @Override
    public ProfileQuestion update(String key, ProfileQuestion question, String actor) {
        if (question == null) {
            throw new InvalidInput("body", "profiling.question-required");
        }
        if (question.key() != null && !question.key().equals(key)) {
            throw new InvalidInput("key", "profiling.key-fixed");
        }
        ProfileQuestion q = new ProfileQuestion(key, question.label(), question.type(),
                question.options(), question.min(), question.max(), question.priority(), question.pii(),
                question.rewardPoints(), question.placements(), question.askRule(), question.afterVisits(),
                question.active());
        q.validate();
        return db.inTransaction(tx -> {
            ProfileQuestion before = store.lock(tx, key).orElseThrow(() -> new NotFound("no profile question " + key));
            if ((before.type() != q.type() || before.pii() != q.pii()) && store.answerCount(tx, key) > 0) {
                throw new Conflict("PROFILE_QUESTION_ANSWERED", key + " has answers: its type and PII flag are fixed");
            }
            store.update(tx, q, clock.instant());
            audit.record(tx, actor, "profile-question.update", "profile-question:" + key, before, q);
            return store.question(tx, key).orElseThrow();
        });
    }

    @Override
    public List<QuestionStats> stats() {
        return db.inTransaction(tx -> {
            Map<String, long[]> counts = store.answeredAndSkipped(tx);
            Map<String, Map<String, Long>> values = store.valueCounts(tx);
            return store.questions(tx).stream().map(q -> {
                long[] c = counts.getOrDefault(q.key(), new long[2]);
                List<ValueCount> v = q.sealed() ? List.of() : values.getOrDefault(q.key(), Map.of()).entrySet().stream()
                        .map(e -> new ValueCount(e.getKey(), e.getValue())).toList();
                return new QuestionStats(q.key(), c[0], c[1], v);
            }).toList();
        });
    }
}
