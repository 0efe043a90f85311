package dev.kizuna.segment.funnel;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The funnel's counts, conversions and median waits, and the retention cohorts, from members' order times. */
class FunnelTest {
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final RegularDefinition LOYAL = new RegularDefinition(List.of("loyal"), null);

    static long at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(TOKYO).toEpochSecond();
    }

    static MemberJourney member(String registered, String channel, String category, boolean regular, String... orders) {
        return new MemberJourney(at(registered), Arrays.stream(orders).mapToLong(FunnelTest::at).toArray(), channel,
                category, regular);
    }

    static FunnelReport report(FunnelBreakdown by, MemberJourney... members) {
        Funnel f = new Funnel(by, TOKYO);
        for (MemberJourney m : members) {
            f.add(m);
        }
        return f.report(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30), LOYAL);
    }

    static final MemberJourney[] SHOP = {
            member("2026-01-10T10:00", null, null, false),
            member("2026-01-20T10:00", "WEB", "tea", false, "2026-01-21T10:00"),
            member("2026-01-31T23:30", "WEB", "tea", false, "2026-02-10T10:00", "2026-03-12T10:00"),
            member("2026-02-01T00:30", "STORE", "teaware", true, "2026-02-05T10:00", "2026-02-15T10:00",
                    "2026-03-01T10:00", "2026-04-01T10:00"),
            member("2026-02-03T10:00", "WEB", "tea", false, "2026-02-04T10:00", "2026-02-08T10:00", "2026-02-10T10:00"),
    };

    @Test
    void each_step_counts_the_members_of_the_one_before_who_got_this_far() {
        FunnelReport.Group total = report(FunnelBreakdown.MONTH, SHOP).total();
        assertThat(total.stages()).extracting(FunnelReport.Stage::members).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(total.stage(JourneyStep.REGISTERED).conversion()).isNull();
        assertThat(total.stage(JourneyStep.FIRST_ORDER).conversion()).isCloseTo(0.8, within(1e-9));
        assertThat(total.stage(JourneyStep.SECOND_ORDER).conversion()).isCloseTo(0.75, within(1e-9));
        assertThat(total.stage(JourneyStep.REGULAR_CUSTOMER).conversion()).isCloseTo(0.5, within(1e-9));
        assertThat(total.stage(JourneyStep.THIRD_ORDER).ofRegistered()).isCloseTo(0.4, within(1e-9));
    }

    @Test
    void median_days_are_whole_days_since_the_step_before_with_an_even_count_averaged() {
        FunnelReport.Group total = report(FunnelBreakdown.MONTH, SHOP).total();
        // registration to first order: 1, 9 (23:30 → 10:00 ten days later is 9 days and 10.5 hours), 4, 1
        assertThat(total.stage(JourneyStep.FIRST_ORDER).medianDays()).isEqualTo(2.5);
        // first to second: 30, 10, 4
        assertThat(total.stage(JourneyStep.SECOND_ORDER).medianDays()).isEqualTo(10.0);
        // second to third: 14, 2
        assertThat(total.stage(JourneyStep.THIRD_ORDER).medianDays()).isEqualTo(8.0);
        assertThat(total.stage(JourneyStep.REGULAR_CUSTOMER).medianDays()).isNull();
        assertThat(total.stage(JourneyStep.REGISTERED).medianDays()).isNull();
    }

    @Test
    void months_are_the_shops_so_a_registration_just_after_midnight_belongs_to_the_new_month() {
        FunnelReport r = report(FunnelBreakdown.MONTH, SHOP);
        assertThat(r.groups()).extracting(FunnelReport.Group::key).containsExactly("2026-01", "2026-02");
        assertThat(r.groups().get(0).stages()).extracting(FunnelReport.Stage::members).containsExactly(3L, 2L, 1L, 0L, 0L);
        assertThat(r.groups().get(1).stages()).extracting(FunnelReport.Stage::members).containsExactly(2L, 2L, 2L, 2L, 1L);
        assertThat(r.groups().get(0).stage(JourneyStep.THIRD_ORDER).conversion()).isEqualTo(0.0);
        assertThat(r.groups().get(0).stage(JourneyStep.REGULAR_CUSTOMER).conversion()).isNull();
    }

    @Test
    void by_channel_members_without_an_order_form_their_own_group_last() {
        FunnelReport r = report(FunnelBreakdown.CHANNEL, SHOP);
        assertThat(r.groups()).extracting(FunnelReport.Group::key).containsExactly("WEB", "STORE", null);
        assertThat(r.groups().get(0).stages()).extracting(FunnelReport.Stage::members).containsExactly(3L, 3L, 2L, 1L, 0L);
        assertThat(r.groups().get(2).stages()).extracting(FunnelReport.Stage::members).containsExactly(1L, 0L, 0L, 0L, 0L);
        FunnelReport byCategory = report(FunnelBreakdown.CATEGORY, SHOP);
        assertThat(byCategory.groups()).extracting(FunnelReport.Group::key).containsExactly("tea", "teaware", null);
    }

    @Test
    void a_regular_without_a_third_order_is_not_counted_and_the_unregistered_are_left_out() {
        FunnelReport r = report(FunnelBreakdown.MONTH,
                member("2026-03-01T10:00", "WEB", "tea", true, "2026-03-02T10:00"),
                new MemberJourney(MemberJourney.NEVER, new long[]{at("2026-03-02T10:00")}, "WEB", "tea", true));
        assertThat(r.total().stages()).extracting(FunnelReport.Stage::members).containsExactly(1L, 1L, 0L, 0L, 0L);
    }

    @Test
    void a_guest_order_before_registering_waits_zero_days() {
        FunnelReport r = report(FunnelBreakdown.MONTH,
                member("2026-03-10T10:00", "WEB", "tea", false, "2026-03-01T10:00", "2026-03-20T10:00"));
        assertThat(r.total().stage(JourneyStep.FIRST_ORDER).medianDays()).isEqualTo(0.0);
        assertThat(r.total().stage(JourneyStep.SECOND_ORDER).medianDays()).isEqualTo(19.0);
    }

    @Test
    void retention_counts_a_customer_once_per_month_after_the_first_orders_month() {
        Retention retention = new Retention(TOKYO, YearMonth.of(2026, 1), YearMonth.of(2026, 3), YearMonth.of(2026, 4));
        retention.add(new long[]{at("2026-01-31T23:59"), at("2026-02-01T00:01"), at("2026-02-20T10:00"), at("2026-04-01T10:00")});
        retention.add(new long[]{at("2026-01-05T10:00")});
        retention.add(new long[]{at("2026-03-05T10:00"), at("2026-03-06T10:00"), at("2027-03-06T10:00")});
        retention.add(new long[]{at("2025-12-31T10:00"), at("2026-01-06T10:00")});
        retention.add(new long[0]);
        RetentionReport r = retention.report();
        assertThat(r.cohorts()).extracting(RetentionReport.Cohort::month)
                .containsExactly(YearMonth.of(2026, 1), YearMonth.of(2026, 3));
        RetentionReport.Cohort january = r.cohorts().get(0);
        assertThat(january.customers()).isEqualTo(2);
        assertThat(january.returning().subList(0, 4)).containsExactly(1L, 0L, 1L, null);
        assertThat(january.share().get(0)).isEqualTo(0.5);
        RetentionReport.Cohort march = r.cohorts().get(1);
        // the same month is not a return; a year and a day later is past month 12; April has begun, May not
        assertThat(march.returning().subList(0, 2)).containsExactly(0L, null);
        assertThat(march.returning()).hasSize(RetentionReport.MONTHS);
    }
}
