package dev.kizuna.survey;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.KizunaTest;
import dev.kizuna.survey.feedback.InvitationTrigger;
import dev.kizuna.survey.feedback.SurveyStatus;
import dev.kizuna.survey.invitation.InvitationOutcome;
import dev.kizuna.survey.invitation.InvitationStatus;
import dev.kizuna.survey.profiling.AskRule;
import dev.kizuna.survey.profiling.ProfileAnswerType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.kizuna.core.testing.CheckConstraints.allowed;
import static dev.kizuna.core.testing.CheckConstraints.assertAllowsExactly;
import static org.assertj.core.api.Assertions.assertThat;

/** The survey module's stored enums and the CHECK constraints of the columns that store them list the same names. */
@KizunaTest
class SurveyStatusesTest {

    @Test
    void every_stored_enum_is_exactly_what_its_column_allows(KizunaRuntime kizuna) {
        assertAllowsExactly(kizuna, "survey_invitation", "status", InvitationStatus.values());
        assertThat(allowed(kizuna, "survey_invitation", "skip_reason")).as("every outcome but SEND is a skip reason")
                .containsExactlyElementsOf(Arrays.stream(InvitationOutcome.values())
                        .filter(o -> o != InvitationOutcome.SEND).map(Enum::name).toList());
        assertAllowsExactly(kizuna, "survey", "status", SurveyStatus.values());
        assertAllowsExactly(kizuna, "survey", "channel", InvitationTrigger.Channel.values());
        assertAllowsExactly(kizuna, "profile_question", "answer_type", ProfileAnswerType.values());
        assertAllowsExactly(kizuna, "profile_question", "ask_rule", AskRule.values());
    }
}
