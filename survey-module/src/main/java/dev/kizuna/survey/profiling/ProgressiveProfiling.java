package dev.kizuna.survey.profiling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.kizuna.core.crypto.FieldCipher;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.json.Json;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.DomainEvent;
import dev.kizuna.core.ports.DomainEventType;
import dev.kizuna.core.ports.DomainEvents;
import dev.kizuna.core.ports.ModulePorts;
import dev.kizuna.core.ports.RewardGranter;
import dev.kizuna.core.templates.Templates;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.survey.ShopperTexts;
import dev.kizuna.survey.profiling.ProfileStore.StoredAnswer;
import dev.kizuna.survey.profiling.QuestionPicker.Limits;
import dev.kizuna.survey.profiling.QuestionPicker.Visit;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The shopper's side of progressive profiling ({@link CustomerProfiles}): the next questions to ask, answers and
 * skips, the shopper's own answers, the widget, and non-PII answers as segment criteria. The merchant's questions are
 * kept by {@link ProfileQuestionCatalog}. PII answers are stored only as AES-GCM ciphertext whose
 * associated data names the member and question ({@link #answerContext}), so a ciphertext moved to another member or
 * question does not decrypt; other answers stay in clear for segment criteria.
 */
public final class ProgressiveProfiling implements CustomerProfiles {
    public static final String REWARD_SOURCE = "PROFILE";
    static final int MAX_K = 10;
    private static final TypeReference<List<String>> VALUES = new TypeReference<>() {
    };

    private final Database db;
    private final ProfileStore store = new ProfileStore();
    private final FieldCipher cipher;
    private final ModulePorts ports;
    private final Clock clock;
    private final Templates templates;
    private final Limits limits;

    public ProgressiveProfiling(Database db, FieldCipher cipher, ModulePorts ports, Clock clock, Templates templates,
                                Limits limits) {
        this.db = db;
        this.cipher = cipher;
        this.ports = ports;
        this.clock = clock;
        this.templates = templates;
        this.limits = limits;
    }

    public Limits limits() {
        return limits;
    }

    // ---- asking --------------------------------------------------------------------------------------------------

    @Override
    public List<OfferedQuestion> nextQuestions(String customerRef, int k, String context, String lang) {
        if (k < 1 || k > MAX_K) {
            throw new InvalidInput("k", "out-of-range", 1, MAX_K);
        }
        checkContext(context);
        String l = ShopperTexts.lang(lang);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, limits.zone());
        return db.inTransaction(tx -> {
            long memberId = Members.ensure(tx, customerRef);
            if (erased(tx, memberId)) {
                return List.of();
            }
            Visit visit = store.visit(tx, memberId, today);
            List<ProfileQuestion> picked = QuestionPicker.pick(store.questions(tx), store.known(tx, memberId), visit,
                    context, k, now, limits);
            Set<String> offered = new LinkedHashSet<>(visit.offered());
            picked.forEach(q -> offered.add(q.key()));
            if (!offered.equals(visit.offered())) {
                store.offered(tx, memberId, offered);
            }
            Map<String, List<String>> current = picked.stream().anyMatch(q -> q.askRule() == AskRule.ALWAYS_ASK)
                    ? decrypted(memberId, store.answers(tx, memberId)) : Map.of();
            return picked.stream().map(q -> new OfferedQuestion(q.key(), q.label().text(l), q.type(),
                    q.options().stream().map(o -> new OptionView(o.key(), o.label().text(l))).toList(), q.min(), q.max(),
                    q.pii(), q.rewardPoints(), current.getOrDefault(q.key(), List.of()))).toList();
        });
    }

    private record Prepared(ProfileQuestion question, List<String> values) {
    }

    @Override
    public SubmissionResult submit(String customerRef, ProfileSubmission submission) {
        if (submission == null) {
            throw new InvalidInput("body", "profiling.answers-required");
        }
        checkContext(submission.context());
        if (submission.answers().isEmpty() && submission.skips().isEmpty()) {
            throw new InvalidInput("answers", "profiling.answers-required");
        }
        Instant now = clock.instant();
        return db.inTransaction(tx -> {
            Map<String, ProfileQuestion> questions = store.questions(tx).stream()
                    .filter(ProfileQuestion::active).collect(Collectors.toMap(ProfileQuestion::key, Function.identity()));
            // everything is checked before anything is written: a bad answer changes nothing
            Set<String> seen = new HashSet<>();
            List<Prepared> answers = new ArrayList<>();
            for (int i = 0; i < submission.answers().size(); i++) {
                AnswerInput a = submission.answers().get(i);
                String at = "answers[" + i + "]";
                ProfileQuestion q = activeQuestion(questions, a == null ? null : a.key(), at + ".key");
                if (!seen.add(q.key())) {
                    throw new InvalidInput(at + ".key", "profiling.answered-twice", q.key());
                }
                answers.add(new Prepared(q, q.normalise(a.values(), at + ".values")));
            }
            List<ProfileQuestion> skips = new ArrayList<>();
            for (int i = 0; i < submission.skips().size(); i++) {
                ProfileQuestion q = activeQuestion(questions, submission.skips().get(i), "skips[" + i + "]");
                if (!seen.add(q.key())) {
                    throw new InvalidInput("skips[" + i + "]", "profiling.skipped-twice", q.key());
                }
                skips.add(q);
            }
            long memberId = Members.ensure(tx, customerRef);
            if (erased(tx, memberId)) {
                throw new NotFound("no customer " + customerRef);
            }
            long points = 0;
            Optional<RewardGranter> granter = ports.find(RewardGranter.class);
            for (Prepared p : answers) {
                ProfileQuestion q = p.question();
                boolean first = q.sealed()
                        ? store.saveAnswer(tx, memberId, q.key(), null,
                        cipher.encrypt(Json.write(p.values()), answerContext(memberId, q.key())), now, submission.context())
                        : store.saveAnswer(tx, memberId, q.key(), p.values(), null, now, submission.context());
                // once per member and question: the granter ignores a repeat of the same reference
                if (first && q.rewardPoints() > 0 && granter.isPresent()
                        && granter.get().grant(tx, memberId, q.rewardPoints(), REWARD_SOURCE, memberId + ":" + q.key(),
                        "profile question " + q.key() + " answered")) {
                    points += q.rewardPoints();
                }
            }
            for (ProfileQuestion q : skips) {
                store.saveSkip(tx, memberId, q.key(), now);
            }
            if (!answers.isEmpty()) {
                // which questions were answered, not the answers (some are personal)
                DomainEvents.record(ports, tx, new DomainEvent(DomainEventType.PROFILE_ANSWERED, memberId, now,
                        Map.of("questions", answers.stream().map(p -> p.question().key()).toList())));
            }
            return new SubmissionResult(answers.stream().map(p -> p.question().key()).toList(),
                    skips.stream().map(ProfileQuestion::key).toList(), points);
        });
    }

    private static ProfileQuestion activeQuestion(Map<String, ProfileQuestion> questions, String key, String field) {
        if (key == null || key.isBlank()) {
            throw new InvalidInput(field, "required");
        }
        ProfileQuestion q = questions.get(key);
        if (q == null) {
            throw new InvalidInput(field, "profiling.no-active-question", key);
        }
        return q;
    }

    private static void checkContext(String context) {
        if (context != null && !ProfileQuestion.PLACEMENT.matcher(context).matches()) {
            throw new InvalidInput("context", "kebab-case");
        }
    }

    private static boolean erased(Tx tx, long memberId) {
        return tx.sql().number("SELECT count(*) FROM member WHERE id = ? AND erased_at IS NOT NULL", memberId) > 0;
    }

    /** Associated data of a PII answer: binds the ciphertext to its member and question. */
    /**
     * Seals these members' sealed profile answers again under the current key, and seals free-text answers stored
     * in clear before free text was sealed; returns how many changed.
     */
    public long reseal(Tx tx, List<Long> memberIds) {
        long changed = 0;
        Long[] ids = memberIds.toArray(Long[]::new);
        for (ProfileStore.SealableAnswer a : store.answersToSeal(tx, ids)) {
            String context = answerContext(a.memberId(), a.key());
            String again = a.cipher() == null ? cipher.encrypt(Json.write(a.plainValues()), context)
                    : cipher.reseal(a.cipher(), context);
            if (!again.equals(a.cipher())) {
                store.seal(tx, a.memberId(), a.key(), again);
                changed++;
            }
        }
        return changed;
    }

    public static String answerContext(long memberId, String questionKey) {
        return "profile_answer:" + memberId + ":" + questionKey;
    }

    private Map<String, List<String>> decrypted(long memberId, List<StoredAnswer> stored) {
        Map<String, List<String>> out = new HashMap<>();
        for (StoredAnswer a : stored) {
            out.put(a.key(), a.cipher() == null ? a.plainValues() : readValues(cipher.decrypt(a.cipher(), answerContext(memberId, a.key()))));
        }
        return out;
    }

    private static List<String> readValues(String json) {
        try {
            return Json.MAPPER.readValue(json, VALUES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a decrypted profile answer is not a JSON list", e);
        }
    }

    // ---- the shopper's own answers -------------------------------------------------------------------------------

    @Override
    public List<ProfileAnswer> answers(String customerRef) {
        return db.inTransaction(tx -> {
            Optional<Long> member = Members.find(tx, customerRef);
            if (member.isEmpty()) {
                return List.of();
            }
            Map<String, ProfileQuestion> questions = new HashMap<>();
            store.questions(tx).forEach(q -> questions.put(q.key(), q));
            List<StoredAnswer> stored = store.answers(tx, member.get());
            Map<String, List<String>> values = decrypted(member.get(), stored);
            List<ProfileAnswer> out = new ArrayList<>();
            for (StoredAnswer a : stored) {
                ProfileQuestion q = questions.get(a.key());
                out.add(new ProfileAnswer(q.key(), q.label(), q.type(), q.pii(),
                        values.get(a.key()).stream().map(v -> q.option(v)
                                .map(o -> new AnswerValue(v, o.label()))
                                .orElse(new AnswerValue(v, LocalizedText.of(v, v)))).toList(), a.answeredAt()));
            }
            return out;
        });
    }

    @Override
    public int eraseAnswers(String customerRef) {
        return db.inTransaction(tx -> Members.find(tx, customerRef).map(m -> eraseMember(tx, m)).orElse(0));
    }

    /** Erases a member's profile in the caller's transaction (the erasure handler's entry). */
    public int eraseMember(Tx tx, long memberId) {
        return store.erase(tx, memberId);
    }

    // ---- the widget ----------------------------------------------------------------------------------------------

    @Override
    public String widget(String customerRef, String lang, String context, String contextPath) {
        String l = ShopperTexts.lang(lang);
        List<OfferedQuestion> questions = nextQuestions(customerRef, Math.min(MAX_K, Math.max(1, limits.perVisit())), context, l);
        if (questions.isEmpty()) {
            return "";
        }
        String root = contextPath == null ? "" : contextPath;
        List<Map<String, Object>> views = new ArrayList<>();
        for (OfferedQuestion q : questions) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("key", q.key());
            v.put("label", q.label());
            v.put("type", q.type().name());
            v.put("options", q.options().stream().map(o -> Map.of("key", o.key(), "label", o.label(),
                    "checked", q.currentValues().contains(o.key()))).toList());
            v.put("value", q.currentValues().isEmpty() || q.type().withOptions() ? "" : q.currentValues().get(0));
            v.put("min", q.min() == null ? "" : q.min().toPlainString());
            v.put("max", q.max() == null ? "" : q.max().toPlainString());
            v.put("pii", q.pii());
            v.put("reward", q.rewardPoints() > 0
                    ? ShopperTexts.text(l, "profile.reward", ShopperTexts.number(q.rewardPoints(), l)) : "");
            views.add(v);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("lang", l);
        model.put("t", ShopperTexts.all(l));
        model.put("questions", views);
        model.put("context", context == null ? "" : context);
        model.put("endpoint", root + "/crm/api/me/profile/questions");
        model.put("css", root + "/crm/assets/survey/survey.css");
        model.put("js", root + "/crm/assets/survey/profile-widget.js");
        return templates.render("survey/profile-widget.ftlh", l.equals("en") ? Locale.ENGLISH : Locale.JAPANESE, model);
    }

    // ---- segment criteria ----------------------------------------------------------------------------------------

    @Override
    public List<Long> membersWithAnswer(Tx tx, String questionKey, String value, long afterMemberId, int limit) {
        if (limit < 1 || limit > 100_000) {
            throw new InvalidInput("limit", "out-of-range", 1, 100_000);
        }
        return store.membersWithAnswer(tx, questionKey, criterion(tx, questionKey, value), afterMemberId, limit);
    }

    @Override
    public boolean hasAnswer(Tx tx, long memberId, String questionKey, String value) {
        return store.hasAnswer(tx, memberId, questionKey, criterion(tx, questionKey, value));
    }

    /** The value as answers store it (e.g. "3.0" is stored as "3"); refused for PII and free text, only ciphertext. */
    private String criterion(Tx tx, String questionKey, String value) {
        ProfileQuestion q = store.question(tx, questionKey)
                .orElseThrow(() -> new InvalidInput("questionKey", "profiling.no-question", questionKey));
        if (q.pii()) {
            throw new InvalidInput("questionKey", "profiling.pii-criterion", questionKey);
        }
        if (q.sealed()) {
            throw new InvalidInput("questionKey", "profiling.free-text-criterion", questionKey);
        }
        return q.normalise(List.of(value == null ? "" : value), "value").get(0);
    }
}
