package dev.kizuna.survey.feedback;

/** The kinds of survey question; NPS and RATING are answered with a score on their scale. */
public enum QuestionType {
    NPS(0, 10),
    RATING(1, 5),
    SINGLE_CHOICE(0, 0),
    MULTIPLE_CHOICE(0, 0),
    FREE_TEXT(0, 0);

    private final int min;
    private final int max;

    QuestionType(int min, int max) {
        this.min = min;
        this.max = max;
    }

    public boolean scored() {
        return this == NPS || this == RATING;
    }

    public boolean withChoices() {
        return this == SINGLE_CHOICE || this == MULTIPLE_CHOICE;
    }

    /** Lowest score (NPS 0, RATING 1). */
    public int min() {
        return min;
    }

    /** Highest score (NPS 10, RATING 5). */
    public int max() {
        return max;
    }
}
