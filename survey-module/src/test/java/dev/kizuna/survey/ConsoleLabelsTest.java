package dev.kizuna.survey;

import dev.kizuna.survey.feedback.InvitationTrigger;
import dev.kizuna.survey.feedback.QuestionType;
import dev.kizuna.survey.feedback.SurveyStatus;
import dev.kizuna.survey.profiling.AskRule;
import dev.kizuna.survey.profiling.ProfileAnswerType;
import org.junit.jupiter.api.Test;

import static dev.kizuna.core.testing.ConsoleLabels.assertLabelled;

/** Every status, type and rule the survey pages show has a label in both console languages, never its raw name. */
class ConsoleLabelsTest {

    @Test
    void every_shown_enum_has_a_label_in_ja_and_en() {
        assertLabelled("surveys.status.", SurveyStatus.values());
        assertLabelled("surveys.type.", QuestionType.values());
        assertLabelled("surveys.channel.", InvitationTrigger.Channel.values());
        assertLabelled("profile.type.", ProfileAnswerType.values());
        assertLabelled("profile.ask.", AskRule.values());
    }
}
