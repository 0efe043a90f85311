package dev.kizuna.messaging.console;

import dev.kizuna.messaging.audience.Audience;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the messaging forms show what is stored, without a database: an audience as builder rows (or as JSON when it
 * does not fit them), a wait as a number and its unit, a service's field as the form field that holds it.
 */
class MessagingFormsTest {

    @Test
    void a_flat_audience_fills_one_row_per_criterion_with_its_not_and_values() {
        Map<String, String> v = AudienceForm.values(new Audience.AnyOf(List.of(new Audience.RankAtLeast("GOLD"),
                new Audience.Not(new Audience.LastOrderOlderThan(180)), new Audience.PAlive(true, 0.125),
                new Audience.LtvDecile(8, 10))), "", AudienceForm.ROWS);
        assertThat(v).containsEntry("match", "any").containsEntry("c0", "rank:GOLD")
                .containsEntry("c1", "lastOrderOlderThanDays").containsEntry("c1.a", "180").containsEntry("c1.not", "on")
                .containsEntry("c2", "pAliveBelow").containsEntry("c2.a", "12.5")
                .containsEntry("c3", "ltvDecile").containsEntry("c3.a", "8").containsEntry("c3.b", "10")
                .doesNotContainKey("c0.not").doesNotContainKey("json");
    }

    @Test
    void a_nested_audience_or_one_with_more_criteria_than_rows_is_shown_as_json() {
        Audience nested = new Audience.AllOf(List.of(new Audience.BirthdayMonth(4),
                new Audience.AnyOf(List.of(new Audience.PointsAtLeast(100), new Audience.PointsExpiringWithin(30)))));
        Map<String, String> v = AudienceForm.values(nested, "s1.", AudienceForm.STEP_ROWS);
        assertThat(v).containsOnlyKeys("s1.json");
        assertThat(v.get("s1.json")).contains("\"birthdayMonth\" : 4").contains("\"or\"");
        List<Audience> many = List.of(new Audience.BirthdayMonth(1), new Audience.BirthdayMonth(2),
                new Audience.BirthdayMonth(3), new Audience.BirthdayMonth(4));
        assertThat(AudienceForm.values(new Audience.AnyOf(many), "s0.", AudienceForm.STEP_ROWS)).containsOnlyKeys("s0.json");
        assertThat(AudienceForm.values(new Audience.Everyone(), "", AudienceForm.ROWS)).isEmpty();
        assertThat(AudienceForm.values(new Audience.Segment("rfm:champions"), "", AudienceForm.ROWS))
                .containsEntry("c0", "segment:rfm:champions").containsEntry("match", "all");
    }

    @Test
    void a_wait_is_shown_in_the_largest_unit_it_is_a_whole_number_of() {
        assertThat(JourneyPages.WaitUnit.of(Duration.ofDays(3))).isEqualTo(JourneyPages.WaitUnit.DAYS);
        assertThat(JourneyPages.WaitUnit.of(Duration.ofHours(23))).isEqualTo(JourneyPages.WaitUnit.HOURS);
        assertThat(JourneyPages.WaitUnit.of(Duration.ofMinutes(90))).isEqualTo(JourneyPages.WaitUnit.MINUTES);
        assertThat(JourneyPages.WaitUnit.of(Duration.ZERO)).isEqualTo(JourneyPages.WaitUnit.MINUTES);
    }

    @Test
    void a_refusal_of_the_services_lands_beside_the_form_field_that_holds_the_value() {
        assertThat(JourneyPages.formField("steps[2].body.en")).isEqualTo("s2.body.en");
        assertThat(JourneyPages.formField("steps[1].after")).isEqualTo("s1.wait");
        assertThat(JourneyPages.formField("steps[0].condition.and[1].rank")).isEqualTo("s0.json");
        assertThat(JourneyPages.formField("name")).isEqualTo("name.ja");
        assertThat(JourneyPages.formField("key")).isEqualTo("key");
        assertThat(BroadcastPages.formField("couponCampaignId")).isEqualTo("couponCampaignId");
        assertThat(BroadcastPages.formField("audience.and[0].segment")).isEqualTo("json");
        assertThat(BroadcastPages.formField("subject")).isEqualTo("subject.ja");
    }
}
