package dev.kizuna.survey.profiling;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which profile questions to ask a shopper now. A question is askable when it is active, may be asked on this page
 * or moment, the shopper has made more than its {@code afterVisits} visits, it was not skipped within the cooldown,
 * and it is unanswered (or, for {@link AskRule#ALWAYS_ASK}, not answered during this visit). The per-visit cap counts
 * every question offered during the visit, answered, skipped or not: reloading the page shows the same questions
 * again, and answering them does not unlock more until the next visit. Within that, the most important come first:
 * priority (higher first), then key.
 */
public final class QuestionPicker {

    /** What the profile holds about one question for this shopper. */
    public record Known(Instant answeredAt, Instant skippedAt) {
        public static final Known NOTHING = new Known(null, null);
    }

    /** The shopper's current visit: its number (1 for the first) and day, and the questions offered in it so far. */
    public record Visit(int number, LocalDate day, Set<String> offered) {
        public Visit {
            offered = Set.copyOf(offered);
        }
    }

    /** The operator's limits. */
    public record Limits(int perVisit, Duration skipCooldown, ZoneId zone) {
    }

    static final Comparator<ProfileQuestion> IMPORTANCE =
            Comparator.comparingInt(ProfileQuestion::priority).reversed().thenComparing(ProfileQuestion::key);

    private QuestionPicker() {
    }

    /**
     * @param k at most this many questions (the caller's room on the page)
     * @return the questions to show, most important first; the caller records them as offered in this visit
     */
    public static List<ProfileQuestion> pick(List<ProfileQuestion> questions, Map<String, Known> known, Visit visit,
                                             String context, int k, Instant now, Limits limits) {
        List<ProfileQuestion> again = new ArrayList<>();
        List<ProfileQuestion> fresh = new ArrayList<>();
        for (ProfileQuestion q : questions) {
            if (!askable(q, known.getOrDefault(q.key(), Known.NOTHING), visit, context, now, limits)) {
                continue;
            }
            (visit.offered().contains(q.key()) ? again : fresh).add(q);
        }
        fresh.sort(IMPORTANCE);
        int room = Math.max(0, limits.perVisit() - visit.offered().size());
        List<ProfileQuestion> out = new ArrayList<>(again);
        out.addAll(fresh.subList(0, Math.min(room, fresh.size())));
        out.sort(IMPORTANCE);
        return List.copyOf(out.subList(0, Math.min(Math.max(k, 0), out.size())));
    }

    static boolean askable(ProfileQuestion q, Known known, Visit visit, String context, Instant now, Limits limits) {
        if (!q.active() || !q.askableOn(context) || visit.number() <= q.afterVisits()) {
            return false;
        }
        if (known.skippedAt() != null && now.isBefore(known.skippedAt().plus(limits.skipCooldown()))) {
            return false;
        }
        if (known.answeredAt() == null) {
            return true;
        }
        return q.askRule() == AskRule.ALWAYS_ASK
                && LocalDate.ofInstant(known.answeredAt(), limits.zone()).isBefore(visit.day());
    }
}
