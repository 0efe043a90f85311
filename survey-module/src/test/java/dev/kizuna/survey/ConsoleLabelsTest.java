package dev.kizuna.survey;

import dev.kizuna.core.console.Messages;
import dev.kizuna.survey.feedback.InvitationTrigger;
import dev.kizuna.survey.feedback.QuestionType;
import dev.kizuna.survey.feedback.SurveyStatus;
import dev.kizuna.survey.profiling.AskRule;
import dev.kizuna.survey.profiling.ProfileAnswerType;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Every status, type and rule the survey pages show has a label in both console languages, never its raw name. */
class ConsoleLabelsTest {

    static void labelled(String prefix, Enum<?>[] values) {
        for (Locale locale : new Locale[]{Messages.JA, Messages.EN}) {
            Messages messages = Messages.of(locale);
            for (Enum<?> v : values) {
                assertThat(messages.has(prefix + v.name())).as(locale + ": " + prefix + v.name()).isTrue();
            }
        }
    }

    @Test
    void every_shown_enum_has_a_label_in_ja_and_en() {
        labelled("surveys.status.", SurveyStatus.values());
        labelled("surveys.type.", QuestionType.values());
        labelled("surveys.channel.", InvitationTrigger.Channel.values());
        labelled("profile.type.", ProfileAnswerType.values());
        labelled("profile.ask.", AskRule.values());
    }
}
