package dev.kizuna.survey.results;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Net Promoter Score of a set of answers to the 0–10 question: promoters answered 9–10, passives 7–8, detractors 0–6;
 * NPS = % promoters − % detractors, rounded to a whole number (halves away from zero), from −100 to 100; null
 * without answers.
 */
public record NpsScore(long responses, long promoters, long passives, long detractors, Integer score) {

    public enum Category { PROMOTER, PASSIVE, DETRACTOR }

    public static final NpsScore NONE = of(0, 0, 0);

    public static NpsScore of(long promoters, long passives, long detractors) {
        long n = promoters + passives + detractors;
        Integer score = n == 0 ? null : BigDecimal.valueOf(100L * (promoters - detractors))
                .divide(BigDecimal.valueOf(n), 0, RoundingMode.HALF_UP).intValueExact();
        return new NpsScore(n, promoters, passives, detractors, score);
    }

    public static Category categorize(int answer) {
        if (answer < 0 || answer > 10) {
            throw new IllegalArgumentException("an NPS answer is 0 to 10, not " + answer);
        }
        return answer >= 9 ? Category.PROMOTER : answer >= 7 ? Category.PASSIVE : Category.DETRACTOR;
    }
}
