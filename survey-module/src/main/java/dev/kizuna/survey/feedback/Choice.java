package dev.kizuna.survey.feedback;

import dev.kizuna.core.text.LocalizedText;

/** One answer a choice question offers; {@code key} is what is stored, the label what the shopper reads. */
public record Choice(String key, LocalizedText label) {
}
