package dev.kizuna.survey.profiling;

import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.survey.SurveyWorld;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code nextQuestions} against a model of what a shopper did, over random visits on a real database: it offers the
 * most important questions still open, never one answered or skipped within the cooldown, and never more than the
 * per-visit cap however often a page asks.
 */
class NextQuestionsPropertyTest {
    static final int PER_VISIT = 2;
    static final Duration COOLDOWN = Duration.ofDays(30);
    /** question key → priority; distinct, so the most important are unambiguous */
    static final Map<String, Integer> PRIORITY = Map.of("q_a", 900, "q_b", 700, "q_c", 650, "q_d", 400, "q_e", 300,
            "q_f", 120, "q_g", 50);
    static SurveyWorld world;
    static int shoppers;

    @BeforeContainer
    static void install() {
        world = SurveyWorld.install(Map.of("kizuna.profiling.per-visit", Integer.toString(PER_VISIT),
                "kizuna.profiling.skip-cooldown-days", "30"));
        PRIORITY.forEach((key, priority) -> world.questions().create(new ProfileQuestion(key,
                LocalizedText.of("質問 " + key, "Question " + key), ProfileAnswerType.TEXT, List.of(), null, null,
                priority, false, 0L, List.of(),
                AskRule.SKIP_IF_KNOWN, 0, true), "tester"));
    }

    @AfterContainer
    static void close() {
        world.close();
    }

    enum Reaction { NOTHING, ANSWER_FIRST, SKIP_FIRST, ANSWER_ALL, SKIP_ALL }

    /** One page view: days since the previous one, how many questions the page has room for, what the shopper does. */
    record Step(int daysLater, int k, Reaction reaction) {
    }

    @Provide
    Arbitrary<List<Step>> visits() {
        Arbitrary<Integer> days = Arbitraries.of(0, 0, 0, 1, 12, 29, 31, 45);
        return Combinators.combine(days, Arbitraries.integers().between(1, 4), Arbitraries.of(Reaction.class))
                .as(Step::new).list().ofMinSize(1).ofMaxSize(10);
    }

    @Property(tries = 30)
    void offers_the_most_important_open_questions_within_the_cap(@ForAll("visits") List<Step> steps) {
        String shopper = "P-" + (++shoppers);
        Instant now = SurveyWorld.tokyo(LocalDate.of(2026, 1, 5), 10);
        Set<String> answered = new HashSet<>();
        Map<String, Instant> skipped = new HashMap<>();
        LocalDate visitDay = null;
        Set<String> offeredThisVisit = new LinkedHashSet<>();

        for (Step step : steps) {
            now = now.plus(Duration.ofDays(step.daysLater())).plus(Duration.ofMinutes(7));
            world.clock(now);
            LocalDate today = LocalDate.ofInstant(now, SurveyWorld.ZONE);
            boolean newVisit = !today.equals(visitDay);
            if (newVisit) {
                visitDay = today;
                offeredThisVisit.clear();
            }
            Instant at = now;
            List<String> open = PRIORITY.keySet().stream()
                    .filter(q -> !answered.contains(q))
                    .filter(q -> !skipped.containsKey(q) || !at.isBefore(skipped.get(q).plus(COOLDOWN)))
                    .sorted(Comparator.comparing(PRIORITY::get).reversed()).toList();

            List<String> offered = world.profiles().nextQuestions(shopper, step.k(), null, "ja").stream()
                    .map(CustomerProfiles.OfferedQuestion::key).toList();

            assertThat(offered).as("at most k").hasSizeLessThanOrEqualTo(step.k());
            assertThat(open).as("only open questions: never answered, never skipped within the cooldown")
                    .containsAll(offered);
            assertThat(offered).as("most important first")
                    .isSortedAccordingTo(Comparator.comparing(PRIORITY::get).reversed());
            offeredThisVisit.addAll(offered);
            assertThat(offeredThisVisit).as("per-visit cap").hasSizeLessThanOrEqualTo(PER_VISIT);
            if (newVisit) {
                // the first page of a visit shows the most important open questions, as many as fit
                assertThat(offered).isEqualTo(open.subList(0, Math.min(Math.min(step.k(), PER_VISIT), open.size())));
            }

            List<String> answer = new ArrayList<>();
            List<String> skip = new ArrayList<>();
            switch (step.reaction()) {
                case ANSWER_FIRST -> answer.addAll(offered.stream().limit(1).toList());
                case SKIP_FIRST -> skip.addAll(offered.stream().limit(1).toList());
                case ANSWER_ALL -> answer.addAll(offered);
                case SKIP_ALL -> skip.addAll(offered);
                default -> {
                }
            }
            if (!answer.isEmpty() || !skip.isEmpty()) {
                world.profiles().submit(shopper, new CustomerProfiles.ProfileSubmission(null,
                        answer.stream().map(q -> new CustomerProfiles.AnswerInput(q, List.of("answer to " + q))).toList(),
                        skip));
                answered.addAll(answer);
                skip.forEach(q -> skipped.put(q, at));
            }
        }
    }
}
