package dev.kizuna.admin;

import dev.kizuna.core.mirror.OrderStatus;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.web.Role;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.kizuna.core.testing.ConsoleLabels.assertLabelled;

/** Every status, kind and role the shell's pages show has a label in both console languages, never its raw name. */
class ConsoleLabelsTest {

    @Test
    void every_shown_enum_has_a_label_in_ja_and_en() {
        assertLabelled("order.status.", OrderStatus.values());
        assertLabelled("order.channel.", OrderSubmitted.Channel.values());
        assertLabelled("jobs.status.", JobRunStatus.values());
        // the triggers JobScheduler records
        assertLabelled("jobs.trigger.", List.of("schedule", "manual", "recovery"));
        assertLabelled("role.", Role.values());
    }
}
