package dev.kizuna.segment.funnel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts members through the journey steps, overall and by one breakdown, from one {@link MemberJourney} at a time:
 * the whole shop's members pass once, so only counts and day histograms are kept (a median from a histogram of whole
 * days is exact and takes a few kilobytes, where the day lists of a million members would take megabytes per group).
 */
public final class Funnel {
    private static final int STEPS = JourneyStep.values().length;
    private static final long DAY = 86_400;

    private final FunnelBreakdown by;
    private final ZoneId zone;
    private final ZoneOffset fixedOffset;
    private final Tally total = new Tally();
    private final Map<String, Tally> groups = new HashMap<>();
    private Tally noKey;

    public Funnel(FunnelBreakdown by, ZoneId zone) {
        this.by = by;
        this.zone = zone;
        this.fixedOffset = zone.getRules().isFixedOffset() ? zone.getRules().getOffset(Instant.EPOCH) : null;
    }

    /** Counts a member; one who never registered is not in the funnel. */
    public void add(MemberJourney m) {
        if (m.registeredAt() == MemberJourney.NEVER) {
            return;
        }
        total.add(m);
        String key = switch (by) {
            case MONTH -> month(m.registeredAt());
            case CHANNEL -> m.firstChannel();
            case CATEGORY -> m.orders() == 0 ? null : m.firstCategory() == null ? "" : m.firstCategory();
        };
        if (key == null) {
            if (noKey == null) {
                noKey = new Tally();
            }
            noKey.add(m);
        } else {
            groups.computeIfAbsent(key, k -> new Tally()).add(m);
        }
    }

    public FunnelReport report(LocalDate from, LocalDate to, RegularDefinition regular) {
        List<FunnelReport.Group> out = new ArrayList<>();
        Comparator<Map.Entry<String, Tally>> order = by == FunnelBreakdown.MONTH ? Map.Entry.comparingByKey()
                : Comparator.<Map.Entry<String, Tally>>comparingLong(e -> -e.getValue().reached[0])
                        .thenComparing(Map.Entry.comparingByKey());
        groups.entrySet().stream().sorted(order).forEach(e -> out.add(e.getValue().group(e.getKey())));
        if (noKey != null) {
            out.add(noKey.group(null));
        }
        return new FunnelReport(by, from, to, regular, total.group("total"), List.copyOf(out));
    }

    /** {@code 2026-05}: the month in the shop's zone, without a zone lookup per member where the offset is fixed. */
    String month(long epochSecond) {
        LocalDate d = fixedOffset != null
                ? LocalDate.ofEpochDay(Math.floorDiv(epochSecond + fixedOffset.getTotalSeconds(), DAY))
                : Instant.ofEpochSecond(epochSecond).atZone(zone).toLocalDate();
        int m = d.getMonthValue();
        return d.getYear() + (m < 10 ? "-0" : "-") + m;
    }

    /** Counts and day histograms of one group. */
    private static final class Tally {
        final long[] reached = new long[STEPS];
        final DayHistogram[] days = {null, new DayHistogram(), new DayHistogram(), new DayHistogram(), null};

        void add(MemberJourney m) {
            long[] at = m.orderedAt();
            reached[0]++;
            long previous = m.registeredAt();
            for (int k = 0; k < 3 && k < at.length; k++) {
                reached[k + 1]++;
                // an order placed as a guest before registering counts as day 0, not a negative wait
                days[k + 1].add((int) Math.max(0, Math.floorDiv(at[k] - previous, DAY)));
                previous = at[k];
            }
            if (at.length >= 3 && m.regular()) {
                reached[4]++;
            }
        }

        FunnelReport.Group group(String key) {
            List<FunnelReport.Stage> stages = new ArrayList<>(STEPS);
            for (JourneyStep step : JourneyStep.values()) {
                int k = step.ordinal();
                long n = reached[k];
                Double conversion = k == 0 || reached[k - 1] == 0 ? null : (double) n / reached[k - 1];
                Double ofRegistered = reached[0] == 0 ? null : (double) n / reached[0];
                Double median = days[k] == null ? null : days[k].median();
                stages.add(new FunnelReport.Stage(step, n, conversion, ofRegistered, median));
            }
            return new FunnelReport.Group(key, List.copyOf(stages));
        }
    }

    /** Counts of whole days, growing as longer waits come. */
    static final class DayHistogram {
        private long[] counts = new long[400];
        private long n;

        void add(int days) {
            if (days >= counts.length) {
                counts = Arrays.copyOf(counts, Math.max(days + 1, counts.length * 2));
            }
            counts[days]++;
            n++;
        }

        /** The median, the mean of the two middle values when the count is even; null when empty. */
        Double median() {
            if (n == 0) {
                return null;
            }
            long lower = (n - 1) / 2;
            long upper = n / 2;
            return (valueAt(lower) + valueAt(upper)) / 2.0;
        }

        private int valueAt(long rank) {
            long seen = 0;
            for (int d = 0; d < counts.length; d++) {
                seen += counts[d];
                if (seen > rank) {
                    return d;
                }
            }
            throw new IllegalStateException("rank " + rank + " of " + n);
        }
    }
}
