package dev.kizuna.loyalty.rank;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.spi.OrderSubmitted;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Test data for the ranks feature on a real database. Rank tests need earnings at exact instants, so they put the
 * {@code points_earned} contract (the points feature's view) in place as a plain table they can fill: the same
 * columns and meaning, without going through ordering, delivery and the confirmation job for every row.
 */
final class RankTestData {
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final KizunaRuntime kizuna;

    RankTestData(KizunaRuntime kizuna) {
        this.kizuna = kizuna;
        kizuna.context().database().execute(tx -> {
            tx.sql().update("""
                    DO $$ BEGIN
                      IF EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                                 WHERE n.nspname = current_schema() AND c.relname = 'points_earned' AND c.relkind = 'v') THEN
                        DROP VIEW points_earned CASCADE;
                      END IF;
                    END $$""");
            tx.sql().update("""
                    CREATE TABLE IF NOT EXISTS points_earned (member_id bigint NOT NULL, order_ref text,
                        points bigint NOT NULL, earned_at timestamptz NOT NULL)""");
            // The index the recalculation reads by: a batch's members in one ordered range, without heap visits.
            tx.sql().update("""
                    CREATE INDEX IF NOT EXISTS points_earned_member ON points_earned (member_id, earned_at)
                    INCLUDE (order_ref, points)""");
        });
    }

    static Instant tokyo(int year, int month, int day, int hour, int minute, int second) {
        return ZonedDateTime.of(year, month, day, hour, minute, second, 0, TOKYO).toInstant();
    }

    <T> T tx(dev.kizuna.core.persistence.Database.TxWork<T> work) {
        return kizuna.context().database().inTransaction(work);
    }

    long member(String customerRef) {
        return tx(tx -> Members.ensure(tx, customerRef));
    }

    /** A confirmed earning of {@code points} for {@code orderRef} (null: a bonus) at {@code at}. */
    void earn(long memberId, String orderRef, long points, Instant at) {
        kizuna.context().database().execute(tx -> tx.sql().update(
                "INSERT INTO points_earned (member_id, order_ref, points, earned_at) VALUES (?, ?, ?, ?)",
                memberId, orderRef, points, at));
    }

    /** {@code orders} earning orders of {@code pointsEach}, all at {@code at}. */
    void earnOrders(long memberId, int orders, long pointsEach, Instant at) {
        for (int i = 0; i < orders; i++) {
            earn(memberId, "O-" + memberId + "-" + UUID.randomUUID(), pointsEach, at);
        }
    }

    void order(String customerRef, String orderRef, long merchandiseTotal, Instant submittedAt) {
        kizuna.publisher().publish(new OrderSubmitted(UUID.randomUUID().toString(), submittedAt, orderRef, customerRef,
                "JPY", OrderSubmitted.Channel.WEB, List.of(new OrderSubmitted.OrderLine("SKU", "cat", 1, merchandiseTotal, 0)),
                merchandiseTotal, 0, 0, 0, 0, null, merchandiseTotal));
    }

    String rank(long memberId) {
        return tx(tx -> tx.sql().one("SELECT rank_code FROM member_rank WHERE member_id = ?", rs -> rs.getString(1), memberId)
                .orElse("REGULAR"));
    }

    MemberRank memberRank(long memberId) {
        return tx(tx -> tx.sql().one("SELECT rank_code, since, held_until FROM member_rank WHERE member_id = ?",
                rs -> new MemberRank(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        rs.getObject(3, java.time.LocalDate.class)), memberId).orElse(null));
    }

    record History(String from, String to, String change, String trigger, Instant at, long points, long orders,
                   long spend, java.time.LocalDate windowFrom, java.time.LocalDate windowTo) {
    }

    List<History> history(long memberId) {
        return tx(tx -> tx.sql().list("""
                SELECT from_code, to_code, change, trigger, changed_at, points, orders, spend, window_from, window_to
                FROM rank_history WHERE member_id = ? ORDER BY id""",
                rs -> new History(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                        rs.getObject(9, java.time.LocalDate.class), rs.getObject(10, java.time.LocalDate.class)), memberId));
    }

    RankRecalculationJob job() {
        return (RankRecalculationJob) kizuna.context().jobs().find(RankRecalculationJob.NAME).orElseThrow();
    }

    /** Runs the recalculation now, judged at {@code asOf} shop time. */
    JobRuns.JobRun recalculate(Instant asOf) {
        kizuna.context().clock().set(asOf);
        return kizuna.jobRuns().run(job(), "manual", null);
    }

    void sql(String sql, Object... params) {
        kizuna.context().database().execute(tx -> tx.sql().update(sql, params));
    }

    long number(String sql, Object... params) {
        return tx((Tx tx) -> tx.sql().number(sql, params));
    }
}
