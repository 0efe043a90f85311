package dev.kizuna.survey.profiling;

import dev.kizuna.core.text.LocalizedText;

/** One option of a choice question; {@code key} is what the profile stores and segments match on. */
public record ProfileOption(String key, LocalizedText label) {
}
