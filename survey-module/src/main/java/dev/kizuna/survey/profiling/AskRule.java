package dev.kizuna.survey.profiling;

/**
 * When a question is asked again (after Mautic's progressive profiling): SKIP_IF_KNOWN never asks what the profile
 * already holds; ALWAYS_ASK asks on every visit, prefilled with the current answer (for answers that go stale, such as
 * a preferred contact time), but not twice in one visit.
 */
public enum AskRule {
    SKIP_IF_KNOWN, ALWAYS_ASK
}
