package dev.kizuna.survey.profiling;

/** How a profile question is answered. */
public enum ProfileAnswerType {
    TEXT, DATE, SINGLE_CHOICE, MULTIPLE_CHOICE, NUMBER;

    public boolean withOptions() {
        return this == SINGLE_CHOICE || this == MULTIPLE_CHOICE;
    }
}
