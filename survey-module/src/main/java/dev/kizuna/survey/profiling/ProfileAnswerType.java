package dev.kizuna.survey.profiling;

/** How a profile question is answered; INTEGER is a NUMBER that must be whole (a household of 2.5 is refused). */
public enum ProfileAnswerType {
    TEXT, DATE, SINGLE_CHOICE, MULTIPLE_CHOICE, NUMBER, INTEGER;

    public boolean numeric() {
        return this == NUMBER || this == INTEGER;
    }

    public boolean withOptions() {
        return this == SINGLE_CHOICE || this == MULTIPLE_CHOICE;
    }
}
