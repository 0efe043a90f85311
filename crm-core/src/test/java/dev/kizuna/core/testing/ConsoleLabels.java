package dev.kizuna.core.testing;

import dev.kizuna.core.console.Messages;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that what a page shows by key ({@code jobs.status.<NAME>}) has a text in both console languages. */
public final class ConsoleLabels {
    private ConsoleLabels() {
    }

    /** Fails unless every {@code prefix + name} is a console text in Japanese and in English. */
    public static void assertLabelled(String prefix, List<String> names) {
        for (Locale locale : new Locale[]{Messages.JA, Messages.EN}) {
            Messages messages = Messages.of(locale);
            for (String name : names) {
                assertThat(messages.has(prefix + name)).as(locale + ": " + prefix + name).isTrue();
            }
        }
    }

    /** {@link #assertLabelled(String, List)} for every constant of an enum, by its name. */
    public static void assertLabelled(String prefix, Enum<?>[] values) {
        assertLabelled(prefix, Arrays.stream(values).map(Enum::name).toList());
    }
}
