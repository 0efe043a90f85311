package dev.kizuna.segment.funnel;

import java.time.LocalDate;
import java.util.List;

/**
 * The journey funnel of the members who registered from {@code from} to {@code to} (days in the shop's zone): all of
 * them together, and one group per registration month, channel or main category of the first order. Members who
 * never ordered have no channel or category: under those breakdowns they form the group with a null key.
 */
public record FunnelReport(FunnelBreakdown by, LocalDate from, LocalDate to, RegularDefinition regular, Group total,
                           List<Group> groups) {

    /** One group's steps, registration first. */
    public record Group(String key, List<Stage> stages) {
        public long registered() {
            return stages.get(0).members();
        }

        public Stage stage(JourneyStep step) {
            return stages.get(step.ordinal());
        }
    }

    /**
     * How many members reached {@code step}; {@code conversion} the share of those at the step before (null at
     * registration or when none were there); {@code ofRegistered} the share of those registered; {@code medianDays}
     * the median whole days from the step before to this one (null for registration, for regulars, whose
     * definition is today's state and has no date, and when nobody got here).
     */
    public record Stage(JourneyStep step, long members, Double conversion, Double ofRegistered, Double medianDays) {
    }
}
