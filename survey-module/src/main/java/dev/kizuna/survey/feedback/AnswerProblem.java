package dev.kizuna.survey.feedback;

/** Why an answer was refused; the survey page shows a message per code in the shopper's language. */
public enum AnswerProblem {
    REQUIRED,
    NOT_A_NUMBER,
    OUT_OF_RANGE,
    UNKNOWN_CHOICE,
    SINGLE_VALUE_ONLY,
    TOO_LONG
}
