package dev.kizuna.admin;

import dev.kizuna.core.console.Messages;
import dev.kizuna.core.mirror.OrderStatus;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.web.Role;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Every status, kind and role the shell's pages show has a label in both console languages, never its raw name. */
class ConsoleLabelsTest {

    static void labelled(String prefix, List<String> names) {
        for (Locale locale : new Locale[]{Messages.JA, Messages.EN}) {
            Messages messages = Messages.of(locale);
            for (String name : names) {
                assertThat(messages.has(prefix + name)).as(locale + ": " + prefix + name).isTrue();
            }
        }
    }

    static List<String> names(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(Enum::name).toList();
    }

    @Test
    void every_shown_enum_has_a_label_in_ja_and_en() {
        labelled("order.status.", names(OrderStatus.values()));
        labelled("order.channel.", names(OrderSubmitted.Channel.values()));
        labelled("jobs.status.", names(JobRunStatus.values()));
        // the triggers JobScheduler records
        labelled("jobs.trigger.", List.of("schedule", "manual", "recovery"));
        labelled("role.", names(Role.values()));
    }
}
