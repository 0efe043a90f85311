package dev.kizuna.loyalty.points;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.ports.RewardGranter;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.OrderCancelled;
import dev.kizuna.core.spi.OrderDelivered;
import dev.kizuna.core.spi.OrderReturned;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.spi.PointsCheckout;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Host events and reads for points tests on a real database. */
final class PointsTestData {
    private final KizunaRuntime kizuna;

    PointsTestData(KizunaRuntime kizuna) {
        this.kizuna = kizuna;
    }

    KizunaRuntime kizuna() {
        return kizuna;
    }

    <T> T tx(Database.TxWork<T> work) {
        return kizuna.context().database().inTransaction(work);
    }

    long register(String customerRef) {
        kizuna.publisher().publish(new CustomerRegistered("reg-" + customerRef, now(), customerRef, customerRef + "@example.jp",
                "Name", null, "ja", Map.of()));
        return member(customerRef);
    }

    long member(String customerRef) {
        return tx(tx -> Members.ensure(tx, customerRef));
    }

    Instant now() {
        return kizuna.context().clock().instant();
    }

    void at(Instant instant) {
        kizuna.context().clock().set(instant);
    }

    static OrderSubmitted.OrderLine line(String sku, int qty, long unitPrice) {
        return new OrderSubmitted.OrderLine(sku, "tea", qty, unitPrice, 0);
    }

    static OrderSubmitted submitted(String orderRef, String customerRef, Instant at, long redeemed,
                                    List<OrderSubmitted.OrderLine> lines) {
        long merch = lines.stream().mapToLong(OrderSubmitted.OrderLine::netAmount).sum();
        return new OrderSubmitted("sub-" + orderRef, at, orderRef, customerRef, "JPY", OrderSubmitted.Channel.WEB, lines,
                merch, 0, 500, 0, redeemed, null, merch - redeemed + 500);
    }

    void order(String orderRef, String customerRef, List<OrderSubmitted.OrderLine> lines) {
        kizuna.publisher().publish(submitted(orderRef, customerRef, now(), 0, lines));
    }

    void order(String orderRef, String customerRef, long redeemed, List<OrderSubmitted.OrderLine> lines) {
        kizuna.publisher().publish(submitted(orderRef, customerRef, now(), redeemed, lines));
    }

    void deliver(String orderRef) {
        kizuna.publisher().publish(new OrderDelivered("del-" + orderRef, now(), orderRef));
    }

    void cancel(String orderRef) {
        kizuna.publisher().publish(new OrderCancelled("can-" + orderRef, now(), orderRef));
    }

    void returnLines(String orderRef, OrderReturned.ReturnedLine... lines) {
        kizuna.publisher().publish(new OrderReturned("ret-" + UUID.randomUUID(), now(), orderRef, List.of(lines)));
    }

    PointsCheckout checkout() {
        return kizuna.context().ports().require(PointsCheckout.class);
    }

    boolean grant(long memberId, long points, String source, String ref) {
        return tx(tx -> kizuna.context().ports().require(RewardGranter.class).grant(tx, memberId, points, source, ref, null));
    }

    PointsQueries.Balance balance(long memberId) {
        return tx(tx -> kizuna.context().ports().require(PointsQueries.class).balance(tx, memberId));
    }

    JobRuns.JobRun run(String job) {
        return kizuna.jobRuns().run(kizuna.context().jobs().find(job).orElseThrow(), "manual", null);
    }

    long number(String sql, Object... params) {
        return tx(tx -> tx.sql().number(sql, params));
    }

    void sql(String sql, Object... params) {
        kizuna.context().database().execute(tx -> tx.sql().update(sql, params));
    }

    /** Everything the ledger holds, to prove a refused call wrote nothing. */
    long ledgerRows() {
        return number("""
                SELECT (SELECT count(*) FROM points_entry) + (SELECT count(*) FROM points_reservation)
                     + (SELECT count(*) FROM points_lot) + (SELECT coalesce(sum(remaining), 0) FROM points_lot)
                     + (SELECT coalesce(sum(available + pending + reserved + debt), 0) FROM points_account)""");
    }
}
