package dev.kizuna.survey.results;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.i18n.ProblemTexts;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.survey.feedback.Choice;
import dev.kizuna.survey.feedback.Question;
import dev.kizuna.survey.feedback.ResponseStore;
import dev.kizuna.survey.feedback.SurveyDesign;
import dev.kizuna.survey.feedback.SurveyStore;
import dev.kizuna.survey.feedback.SurveyStore.SurveyRow;
import dev.kizuna.survey.feedback.SurveyStore.VersionRow;
import dev.kizuna.survey.invitation.InvitationStore;
import dev.kizuna.survey.invitation.SurveyLinks;
import dev.kizuna.survey.results.ResultsStore.AnswerRow;
import dev.kizuna.survey.results.ResultsStore.FreeTextRow;
import dev.kizuna.survey.results.ResultsStore.ResponseRow;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link SurveyQueries}: results, free-text search, export and a customer's surveys. */
public final class SurveyReports implements SurveyQueries {
    private static final int CSV_CHUNK = 1_000;

    private final Database db;
    private final ResultsStore results;
    private final SurveyStore surveys;
    private final InvitationStore invitations;
    private final ResponseStore responses;
    private final SurveyLinks links;
    private final Clock clock;
    private final ZoneId zone;
    private final int scanBudget;

    public SurveyReports(Database db, SurveyStore surveys, InvitationStore invitations, ResponseStore responses,
                         SurveyLinks links, Clock clock, ZoneId zone, int scanBudget) {
        this.db = db;
        this.results = new ResultsStore(zone);
        this.surveys = surveys;
        this.invitations = invitations;
        this.responses = responses;
        this.links = links;
        this.clock = clock;
        this.zone = zone;
        this.scanBudget = scanBudget;
    }

    @Override
    public SurveyResults results(long surveyId, LocalDate from, LocalDate to) {
        Instant start = start(from);
        Instant end = end(from, to);
        return db.inTransaction(tx -> {
            SurveyRow survey = survey(tx, surveyId);
            long[] counts = results.invitedAndResponded(tx, surveyId, start, end);
            Double rate = counts[0] == 0 ? null : Math.round(1000.0 * counts[1] / counts[0]) / 10.0;
            return new SurveyResults(surveyId, survey.code(), survey.name(), from, to, counts[0], counts[1], rate,
                    results.nps(tx, surveyId, start, end), results.npsByWeek(tx, surveyId, start, end),
                    results.npsByRank(tx, surveyId, start, end), distributions(tx, surveyId, start, end));
        });
    }

    private List<QuestionResult> distributions(Tx tx, long surveyId, Instant start, Instant end) {
        Map<String, Map<String, Long>> values = results.valueCounts(tx, surveyId, start, end);
        Map<String, Long> answered = results.answeredCounts(tx, surveyId, start, end);
        List<QuestionResult> out = new ArrayList<>();
        for (Question q : questionsByKey(tx, surveyId).values()) {
            Map<String, Long> counts = values.getOrDefault(q.key(), Map.of());
            List<Bucket> buckets = new ArrayList<>();
            Double average = null;
            if (q.type().scored()) {
                long n = 0;
                long sum = 0;
                for (int s : q.scale()) {
                    long c = counts.getOrDefault(Integer.toString(s), 0L);
                    String score = Integer.toString(s);
                    buckets.add(new Bucket(score, LocalizedText.of(score, score), c));
                    n += c;
                    sum += c * s;
                }
                average = n == 0 ? null : Math.round(100.0 * sum / n) / 100.0;
            } else if (q.type().withChoices()) {
                for (Choice c : q.choices()) {
                    buckets.add(new Bucket(c.key(), c.label(), counts.getOrDefault(c.key(), 0L)));
                }
            }
            out.add(new QuestionResult(q.key(), q.type(), q.text(), answered.getOrDefault(q.key(), 0L),
                    average, buckets));
        }
        return out;
    }

    /** Every question ever asked, by key: the newest version's in its order, then retired ones, newest wording. */
    private Map<String, Question> questionsByKey(Tx tx, long surveyId) {
        Map<String, Question> out = new LinkedHashMap<>();
        List<VersionRow> versions = surveys.versions(tx, surveyId);
        for (int i = versions.size() - 1; i >= 0; i--) {
            for (Question q : versions.get(i).design().questions()) {
                out.putIfAbsent(q.key(), q);
            }
        }
        return out;
    }

    @Override
    public FreeTextPage freeText(long surveyId, String query, String questionKey, Long before, int limit) {
        if (limit < 1 || limit > 200) {
            throw new InvalidInput("limit", "out-of-range", 1, 200);
        }
        FreeTextMatch match = new FreeTextMatch(query);
        String key = questionKey == null || questionKey.isBlank() ? null : questionKey;
        return db.inTransaction(tx -> {
            survey(tx, surveyId);
            List<FreeTextAnswer> found = new ArrayList<>();
            long cursor = before == null ? Long.MAX_VALUE : before;
            int scanned = 0;
            int chunkSize = Math.min(500, scanBudget);
            while (scanned < scanBudget) {
                List<FreeTextRow> chunk = results.freeTexts(tx, surveyId, key, cursor, chunkSize);
                boolean last = chunk.size() < chunkSize;
                if (!last) {
                    // a chunk may end inside a response: leave that response whole for the next chunk
                    long partial = chunk.get(chunk.size() - 1).responseId();
                    List<FreeTextRow> whole = chunk.stream().filter(r -> r.responseId() != partial).toList();
                    chunk = whole.isEmpty() ? chunk : whole;
                }
                Long previous = null;
                for (FreeTextRow row : chunk) {
                    if (previous != null && row.responseId() != previous && found.size() >= limit) {
                        return new FreeTextPage(found, previous, scanned);
                    }
                    previous = row.responseId();
                    scanned++;
                    String text = responses.decryptFreeText(row.responseId(), row.questionKey(), row.cipher());
                    if (match.matches(text)) {
                        found.add(new FreeTextAnswer(row.responseId(), row.submittedAt(), row.version(),
                                row.questionKey(), text, row.npsScore(), row.rankCode(), row.customerRef()));
                    }
                }
                if (chunk.isEmpty() || last) {
                    return new FreeTextPage(found, null, scanned);
                }
                cursor = chunk.get(chunk.size() - 1).responseId();
                if (found.size() >= limit) {
                    return new FreeTextPage(found, cursor, scanned);
                }
            }
            return new FreeTextPage(found, cursor, scanned);
        });
    }

    @Override
    public String exportCsv(long surveyId, LocalDate from, LocalDate to) {
        Instant start = start(from);
        Instant end = end(from, to);
        DateTimeFormatter time = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
        return db.inTransaction(tx -> {
            survey(tx, surveyId);
            List<Question> questions = new ArrayList<>(questionsByKey(tx, surveyId).values());
            List<Object> header = new ArrayList<>(List.of("response_id", "submitted_at", "version", "customer_id",
                    "rank", "locale", "nps_category"));
            questions.forEach(q -> header.add(q.key()));
            CsvTable csv = new CsvTable().row(header);
            long after = 0;
            while (true) {
                List<ResponseRow> chunk = results.responses(tx, surveyId, start, end, after, CSV_CHUNK);
                if (chunk.isEmpty()) {
                    break;
                }
                Map<Long, Map<String, AnswerRow>> answers = new HashMap<>();
                for (AnswerRow a : results.answers(tx, results.ids(chunk))) {
                    answers.computeIfAbsent(a.responseId(), k -> new HashMap<>()).put(a.questionKey(), a);
                }
                for (ResponseRow r : chunk) {
                    List<Object> row = new ArrayList<>(List.of(r.id(), time.format(r.submittedAt()), r.version()));
                    row.add(r.customerRef());
                    row.add(r.rankCode());
                    row.add(r.locale());
                    row.add(r.npsScore() == null ? null : NpsScore.categorize(r.npsScore()).name());
                    Map<String, AnswerRow> given = answers.getOrDefault(r.id(), Map.of());
                    for (Question q : questions) {
                        row.add(Optional.ofNullable(given.get(q.key())).map(this::csvValue).orElse(null));
                    }
                    csv.row(row);
                }
                after = chunk.get(chunk.size() - 1).id();
            }
            return csv.toString();
        });
    }

    private Object csvValue(AnswerRow a) {
        if (a.score() != null) {
            return a.score();
        }
        if (a.choices() != null) {
            return String.join(";", a.choices());
        }
        return responses.decryptFreeText(a.responseId(), a.questionKey(), a.freeTextCipher());
    }

    @Override
    public List<WeekNps> npsTrend(int weeks) {
        if (weeks < 1 || weeks > 260) {
            throw new InvalidInput("weeks", "out-of-range", 1, 260);
        }
        LocalDate thisMonday = LocalDate.ofInstant(clock.instant(), zone)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate first = thisMonday.minusWeeks(weeks - 1L);
        return db.inTransaction(tx -> {
            Map<LocalDate, WeekNps> found = new HashMap<>();
            results.npsByWeek(tx, null, first.atStartOfDay(zone).toInstant(),
                    thisMonday.plusWeeks(1).atStartOfDay(zone).toInstant()).forEach(w -> found.put(w.weekStart(), w));
            List<WeekNps> out = new ArrayList<>();
            for (LocalDate w = first; !w.isAfter(thisMonday); w = w.plusWeeks(1)) {
                out.add(found.getOrDefault(w, ResultsStore.week(w, NpsScore.NONE)));
            }
            return out;
        });
    }

    @Override
    public List<CustomerResponse> responsesOf(String customerRef) {
        return db.inTransaction(tx -> {
            Optional<Long> member = Members.find(tx, customerRef);
            if (member.isEmpty()) {
                return List.of();
            }
            List<ResponseRow> rows = results.responsesOfMember(tx, member.get());
            Map<Long, List<AnswerRow>> answers = new HashMap<>();
            results.answers(tx, results.ids(rows)).forEach(a ->
                    answers.computeIfAbsent(a.responseId(), k -> new ArrayList<>()).add(a));
            Map<Long, SurveyDesign> designs = new HashMap<>();
            Map<Long, String> names = new HashMap<>();
            List<CustomerResponse> out = new ArrayList<>();
            for (ResponseRow r : rows) {
                SurveyDesign design = designs.computeIfAbsent(r.versionId(),
                        v -> surveys.version(tx, v).orElseThrow().design());
                String name = names.computeIfAbsent(r.surveyId(), s -> survey(tx, s).name());
                List<AnswerView> views = new ArrayList<>();
                for (Question q : design.questions()) {
                    answers.getOrDefault(r.id(), List.of()).stream().filter(a -> a.questionKey().equals(q.key()))
                            .findFirst().ifPresent(a -> views.add(view(q, a)));
                }
                out.add(new CustomerResponse(r.id(), r.surveyId(), name, r.version(), r.submittedAt(), r.npsScore(),
                        r.rewardPoints(), views));
            }
            return out;
        });
    }

    private AnswerView view(Question q, AnswerRow a) {
        // a scored or free-text answer has no choices: an empty list, so the page lists nothing rather than failing
        List<ChoiceView> choices = a.choices() == null ? List.of() : a.choices().stream()
                .map(key -> q.choice(key).map(c -> new ChoiceView(key, c.label()))
                        .orElse(new ChoiceView(key, LocalizedText.of(key, key)))).toList();
        String text = a.freeTextCipher() == null ? null
                : responses.decryptFreeText(a.responseId(), a.questionKey(), a.freeTextCipher());
        return new AnswerView(q.key(), q.type(), q.text(), a.score(), choices, text);
    }

    @Override
    public List<PendingSurvey> pendingFor(String customerRef) {
        Instant now = clock.instant();
        return db.inTransaction(tx -> {
            Optional<Long> member = Members.find(tx, customerRef);
            if (member.isEmpty()) {
                return List.of();
            }
            List<PendingSurvey> out = new ArrayList<>();
            for (InvitationStore.Invitation i : invitations.open(tx, member.get(), now)) {
                SurveyRow survey = survey(tx, i.surveyId());
                Optional<VersionRow> version = surveys.latestVersion(tx, i.surveyId());
                if (version.isEmpty()) {
                    continue;
                }
                // a fresh link to the same invitation: still answerable once, whichever link is used
                out.add(new PendingSurvey(i.id(), i.surveyId(), version.get().design().title(),
                        links.link(i.id(), i.expiresAt()), i.expiresAt(),
                        survey.settings().rewardPoints()));
            }
            return out;
        });
    }

    private SurveyRow survey(Tx tx, long surveyId) {
        return surveys.find(tx, surveyId).orElseThrow(() -> new NotFound("no survey " + surveyId));
    }

    private Instant start(LocalDate from) {
        return from == null ? ResultsStore.BEGINNING : from.atStartOfDay(zone).toInstant();
    }

    private Instant end(LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidInput("to", "not-before", new ProblemTexts.Field("from"));
        }
        return to == null ? ResultsStore.END : to.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
