package dev.kizuna.segment;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.scheduling.KizunaJob;
import dev.kizuna.core.spi.CartAbandoned;
import dev.kizuna.core.spi.CustomerDeleted;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.EventPublisher;
import dev.kizuna.core.spi.HostEvent;
import dev.kizuna.core.spi.OrderCancelled;
import dev.kizuna.core.spi.OrderDelivered;
import dev.kizuna.core.spi.OrderReturned;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.spi.ProductViewed;
import dev.kizuna.core.spi.SearchPerformed;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes a shop's history into a test Kizuna the way a host does: as host events through the publisher. */
public final class ShopHistory {
    public static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final KizunaRuntime kizuna;

    public ShopHistory(KizunaRuntime kizuna) {
        this.kizuna = kizuna;
    }

    public static String id() {
        return UUID.randomUUID().toString();
    }

    /** Noon in Tokyo, {@code daysBefore} days before {@code day}. */
    public static Instant noon(LocalDate day, int daysBefore) {
        return day.minusDays(daysBefore).atTime(12, 0).atZone(TOKYO).toInstant();
    }

    private void publish(HostEvent... events) {
        for (EventPublisher.Outcome o : kizuna.publisher().publishAll(List.of(events))) {
            assertThat(o).isEqualTo(EventPublisher.Outcome.APPLIED);
        }
    }

    public long customer(String ref, String name) {
        publish(new CustomerRegistered(id(), Instant.parse("2020-01-01T00:00:00Z"), ref, ref.toLowerCase() + "@example.jp",
                name, null, "ja", Map.of("mail", true)));
        return memberId(ref);
    }

    /** An order of one line of {@code category}, delivered; returns the order id. */
    public String order(String customerRef, Instant at, String category, long amount) {
        String orderId = "O-" + id();
        publish(new OrderSubmitted(id(), at, orderId, customerRef, "JPY", OrderSubmitted.Channel.WEB,
                        List.of(new OrderSubmitted.OrderLine("SKU-" + category, category, 1, amount, 0)),
                        amount, 0, 0, 0, 0, null, amount),
                new OrderDelivered(id(), at.plusSeconds(86_400), orderId));
        return orderId;
    }

    public String order(String customerRef, Instant at, long amount) {
        return order(customerRef, at, "books", amount);
    }

    /** An order of {@code units} units of one SKU at {@code unitPrice}, delivered. */
    public String orderUnits(String customerRef, Instant at, String sku, int units, long unitPrice) {
        String orderId = "O-" + id();
        publish(new OrderSubmitted(id(), at, orderId, customerRef, "JPY", OrderSubmitted.Channel.WEB,
                        List.of(new OrderSubmitted.OrderLine(sku, "books", units, unitPrice, 0)),
                        units * unitPrice, 0, 0, 0, 0, null, units * unitPrice),
                new OrderDelivered(id(), at.plusSeconds(86_400), orderId));
        return orderId;
    }

    public void returnUnits(String orderId, String sku, int units, Instant at) {
        publish(new OrderReturned(id(), at, orderId, List.of(new OrderReturned.ReturnedLine(sku, units))));
    }

    public void cancel(String orderId, Instant at) {
        publish(new OrderCancelled(id(), at, orderId));
    }

    public void erase(String customerRef, Instant at) {
        publish(new CustomerDeleted(id(), at, customerRef));
    }

    public void abandonCart(String customerRef, Instant at) {
        publish(new CartAbandoned(id(), at, customerRef, 5_000, "JPY"));
    }

    public void view(String customerRef, String category, Instant at) {
        publish(new ProductViewed(id(), at, customerRef, "SKU-" + category, category));
    }

    public void search(String customerRef, String query, int results, Instant at) {
        publish(new SearchPerformed(id(), at, customerRef, query, results));
    }

    public long memberId(String customerRef) {
        return kizuna.context().database().inTransaction(tx -> tx.sql().number(
                "SELECT id FROM member WHERE customer_ref = ?", customerRef));
    }

    public void clock(Instant now) {
        kizuna.context().clock().set(now);
    }

    public JobRuns.JobRun run(String jobName) {
        KizunaJob job = kizuna.context().jobs().find(jobName).orElseThrow();
        JobRuns.JobRun run = kizuna.jobRuns().run(job, "manual", null);
        assertThat(run.status()).as(run.error()).isEqualTo(JobRunStatus.SUCCEEDED);
        return run;
    }

    public long count(String sql, Object... params) {
        return kizuna.context().database().inTransaction(tx -> tx.sql().number(sql, params));
    }
}
