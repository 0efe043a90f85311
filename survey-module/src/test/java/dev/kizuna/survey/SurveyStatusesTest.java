package dev.kizuna.survey;

import dev.kizuna.core.testing.CheckConstraints;
import dev.kizuna.survey.feedback.InvitationTrigger;
import dev.kizuna.survey.feedback.SurveyStatus;
import dev.kizuna.survey.invitation.InvitationOutcome;
import dev.kizuna.survey.invitation.InvitationStatus;
import dev.kizuna.survey.profiling.AskRule;
import dev.kizuna.survey.profiling.ProfileAnswerType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The survey module's enums and the CHECK constraints of the columns that store them list the same names. */
class SurveyStatusesTest {
    static SurveyWorld world;

    @BeforeAll
    static void start() {
        world = SurveyWorld.install();
    }

    @AfterAll
    static void close() {
        world.close();
    }

    static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    List<String> allowed(String table, String column) {
        return CheckConstraints.allowed(world.kizuna, table, column);
    }

    @Test
    void every_stored_enum_is_exactly_what_its_column_allows() {
        assertThat(allowed("survey_invitation", "status")).containsExactlyElementsOf(names(InvitationStatus.values()));
        assertThat(allowed("survey_invitation", "skip_reason")).as("every outcome but SEND is a skip reason")
                .containsExactlyElementsOf(Arrays.stream(InvitationOutcome.values())
                        .filter(o -> o != InvitationOutcome.SEND).map(Enum::name).toList());
        assertThat(allowed("survey", "status")).containsExactlyElementsOf(names(SurveyStatus.values()));
        assertThat(allowed("survey", "channel")).containsExactlyElementsOf(names(InvitationTrigger.Channel.values()));
        assertThat(allowed("profile_question", "answer_type")).containsExactlyElementsOf(names(ProfileAnswerType.values()));
        assertThat(allowed("profile_question", "ask_rule")).containsExactlyElementsOf(names(AskRule.values()));
    }
}
