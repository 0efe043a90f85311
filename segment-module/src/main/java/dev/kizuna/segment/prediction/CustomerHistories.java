package dev.kizuna.segment.prediction;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.segment.Purchases;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Customer summaries read from the order mirror for the LTV models, and the member batches they are read in.
 *
 * <p>Summaries follow Fader, Hardie &amp; Lee: a customer's purchases are grouped by day in the shop's calendar (several
 * orders on one day are one transaction with their amounts added), {@code x} is the number of days with a purchase
 * after the first, {@code t_x} the weeks from the first to the last such day, {@code T} the weeks from the first to the
 * as-of day, and the mean repeat spend averages the repeat days' amounts (the first day left out, as Gamma-Gamma
 * models repeat spend). Only purchases in the shop currency count, net of returns.
 */
public final class CustomerHistories {
    private static final int FETCH = 20_000;

    private final String currency;
    private final ZoneId zone;

    public CustomerHistories(String currency, ZoneId zone) {
        this.currency = currency;
        this.zone = zone;
    }

    /** One customer's purchase history in the model's terms; amounts in minor units. */
    public record PurchaseHistory(long memberId, int x, double tx, double t, double meanRepeatSpend, double meanSpend) {
    }

    /**
     * Every purchase as (member, day relative to the as-of day, net amount), in member order: the summaries are
     * folded from it in Java while it streams, which takes the database one ordered scan where grouping by member
     * and day in SQL took it two aggregations and a sort spilling to disk.
     */
    private static final String PURCHASES = """
            SELECT o.member_id, (o.submitted_at AT TIME ZONE ?)::date - ?::date AS day, %s AS amount
            FROM order_summary o JOIN member mb ON mb.id = o.member_id AND mb.erased_at IS NULL
            WHERE %s AND o.submitted_at <= ? AND o.currency = ? AND o.member_id > ? AND o.member_id <= ?
            ORDER BY o.member_id, o.submitted_at""".formatted(Purchases.netAmount("o"), Purchases.condition("o"));

    /**
     * Streams the history of every customer with a member id in ({@code after}, {@code last}] as of {@code asOf}, in
     * member-id order, through a server-side cursor, so the heap holds one fetch of purchases at a time however many
     * customers there are.
     */
    private void forEachHistory(Tx tx, Instant asOf, long after, long last, Consumer<PurchaseHistory> consumer) {
        try (PreparedStatement ps = tx.sql().connection().prepareStatement(PURCHASES)) {
            ps.setFetchSize(FETCH);
            ps.setString(1, zone.getId());
            ps.setObject(2, asOfDate(asOf));
            ps.setObject(3, OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC));
            ps.setString(4, currency);
            ps.setLong(5, after);
            ps.setLong(6, last);
            HistoryFold fold = new HistoryFold(consumer);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fold.purchase(rs.getLong(1), rs.getInt(2), rs.getLong(3));
                }
            }
            fold.end();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read customer summaries: " + e.getMessage(), e);
        }
    }

    /** Every customer's history as of {@code asOf}; see {@link #forEachHistory(Tx, Instant, long, long, Consumer)}. */
    public void forEachHistory(Tx tx, Instant asOf, Consumer<PurchaseHistory> consumer) {
        forEachHistory(tx, asOf, Long.MIN_VALUE, Long.MAX_VALUE, consumer);
    }

    private LocalDate asOfDate(Instant asOf) {
        return asOf.atZone(zone).toLocalDate();
    }

    /** Histories of the members with ids in ({@code after}, {@code last}]. */
    public List<PurchaseHistory> histories(Tx tx, long after, long last, Instant asOf) {
        List<PurchaseHistory> out = new ArrayList<>();
        forEachHistory(tx, asOf, after, last, out::add);
        return out;
    }

    /**
     * Folds one member's purchases, arriving together, into the paper's summary: orders of one day are one
     * purchase with their amounts added; days are counted relative to the as-of day (0), so T is minus the first.
     */
    private static final class HistoryFold {
        private final Consumer<PurchaseHistory> consumer;
        private long member;
        private int[] days = new int[16];
        private long[] amounts = new long[16];
        private int size;

        HistoryFold(Consumer<PurchaseHistory> consumer) {
            this.consumer = consumer;
        }

        void purchase(long memberId, int day, long amount) {
            if (size > 0 && memberId != member) {
                end();
            }
            if (size == days.length) {
                days = Arrays.copyOf(days, size * 2);
                amounts = Arrays.copyOf(amounts, size * 2);
            }
            member = memberId;
            days[size] = day;
            amounts[size] = amount;
            size++;
        }

        void end() {
            if (size == 0) {
                return;
            }
            sortByDay();
            int purchaseDays = 0;
            long total = 0;
            long firstDay = 0;
            for (int i = 0; i < size; i++) {
                if (i == 0 || days[i] != days[i - 1]) {
                    purchaseDays++;
                }
                total += amounts[i];
                if (days[i] == days[0]) {
                    firstDay += amounts[i];
                }
            }
            int x = purchaseDays - 1;
            double meanRepeat = x == 0 ? 0 : (double) (total - firstDay) / x;
            consumer.accept(new PurchaseHistory(member, x, (days[size - 1] - days[0]) / 7.0, -days[0] / 7.0,
                    meanRepeat, (double) total / purchaseDays));
            size = 0;
        }

        /** Orders come by time, so their days are already in order but where a clock change turned the day back. */
        private void sortByDay() {
            for (int i = 1; i < size; i++) {
                int day = days[i];
                long amount = amounts[i];
                int j = i - 1;
                while (j >= 0 && days[j] > day) {
                    days[j + 1] = days[j];
                    amounts[j + 1] = amounts[j];
                    j--;
                }
                days[j + 1] = day;
                amounts[j + 1] = amount;
            }
        }
    }

    /** The next batch of member ids after {@code after}: how many (at most {@code limit}) and the last. */
    public record KeyRange(long count, long last) {
    }

    public Optional<KeyRange> nextMembers(Tx tx, long after, int limit) {
        return tx.sql().one("""
                SELECT count(*), max(id) FROM (SELECT id FROM member WHERE id > ? ORDER BY id LIMIT ?) k""",
                rs -> rs.getLong(1) == 0 ? null : new KeyRange(rs.getLong(1), rs.getLong(2)), after, limit);
    }

    public long memberCount(Tx tx) {
        return tx.sql().number("SELECT count(*) FROM member");
    }
}
