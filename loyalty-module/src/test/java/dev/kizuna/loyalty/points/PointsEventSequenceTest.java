package dev.kizuna.loyalty.points;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.spi.HostEvent;
import dev.kizuna.core.spi.OrderCancelled;
import dev.kizuna.core.spi.OrderDelivered;
import dev.kizuna.core.spi.OrderReturned;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.testing.TestKizuna;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random order lives (submitted; delivered or not; cancelled, or some lines returned), every event delivered three
 * times by three concurrent publishers, each in its own random order: the balances always equal a simple model.
 */
class PointsEventSequenceTest {
    static KizunaRuntime kizuna;
    static PointsTestData data;
    static final AtomicInteger TRY = new AtomicInteger();

    static synchronized PointsTestData data() {
        if (kizuna == null) {
            kizuna = TestKizuna.install();
            data = new PointsTestData(kizuna);
        }
        return data;
    }

    @AfterContainer
    static void close() {
        if (kizuna != null) {
            kizuna.close();
        }
    }

    /** One order's life: line quantities and unit prices, delivered?, cancelled?, units returned per line. */
    record Life(int[] quantities, long[] prices, boolean delivered, boolean cancelled, int[] returned) {
        long[] linePoints() {
            long[] out = new long[prices.length];
            long cumulative = 0;
            long given = 0;
            for (int i = 0; i < prices.length; i++) {
                cumulative += quantities[i] * prices[i];
                out[i] = cumulative / 100 - given;
                given = cumulative / 100;
            }
            return out;
        }

        /** The model: what stays earned after the returns (each line loses its returned units' share). */
        long kept() {
            long[] p = linePoints();
            long kept = 0;
            for (int i = 0; i < p.length; i++) {
                kept += p[i] - p[i] * returned[i] / quantities[i];
            }
            return kept;
        }
    }

    @Provide
    Arbitrary<List<Life>> lives() {
        Arbitrary<Integer> lines = Arbitraries.integers().between(1, 3);
        return lines.flatMap(n -> Combinators.combine(
                Arbitraries.integers().between(1, 4).array(int[].class).ofSize(n),
                Arbitraries.longs().between(1, 9_999).array(long[].class).ofSize(n),
                Arbitraries.of(true, false), Arbitraries.of(true, false, false),
                Arbitraries.integers().between(0, 4).array(int[].class).ofSize(n))
                .as((q, p, delivered, cancelled, r) -> {
                    int[] returned = new int[n];
                    for (int i = 0; i < n; i++) {
                        returned[i] = delivered && !cancelled ? Math.min(r[i], q[i]) : 0;
                    }
                    return new Life(q, p, delivered, cancelled && !delivered, returned);
                })).list().ofMinSize(1).ofMaxSize(3);
    }

    @Property(tries = 30)
    void the_balance_always_equals_the_model(@ForAll("lives") List<Life> lives, @ForAll long seed) throws Exception {
        PointsTestData d = data();
        int t = TRY.incrementAndGet();
        String customer = "P-" + t;
        Instant t0 = Instant.parse("2026-01-10T00:00:00Z").plus(Duration.ofDays(t));
        d.at(t0);
        long member = d.member(customer);
        List<HostEvent> events = new ArrayList<>();
        long pendingModel = 0;
        long availableModel = 0;
        for (int o = 0; o < lives.size(); o++) {
            Life life = lives.get(o);
            String order = customer + "-O" + o;
            List<OrderSubmitted.OrderLine> lines = new ArrayList<>();
            for (int i = 0; i < life.prices().length; i++) {
                lines.add(PointsTestData.line("S" + i, life.quantities()[i], life.prices()[i]));
            }
            events.add(PointsTestData.submitted(order, customer, t0, 0, lines));
            if (life.delivered()) {
                events.add(new OrderDelivered("del-" + order, t0, order));
            }
            if (life.cancelled()) {
                events.add(new OrderCancelled("can-" + order, t0, order));
            }
            for (int i = 0; i < life.returned().length; i++) {
                for (int u = 0; u < life.returned()[i]; u++) {   // one event per returned unit
                    events.add(new OrderReturned("ret-" + order + "-" + i + "-" + u, t0, order,
                            List.of(new OrderReturned.ReturnedLine("S" + i, 1))));
                }
            }
            if (!life.cancelled()) {
                if (life.delivered()) {
                    availableModel += life.kept();
                } else {
                    pendingModel += life.kept();
                }
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> publishers = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            List<HostEvent> mine = new ArrayList<>(events);
            Collections.shuffle(mine, new Random(seed + p));
            publishers.add(pool.submit(() -> mine.forEach(e -> d.kizuna().publisher().publish(e))));
        }
        for (Future<?> f : publishers) {
            f.get();
        }
        pool.shutdown();

        assertThat(d.number("SELECT count(*) FROM event_inbox WHERE status <> 'DONE'")).isZero();
        assertThat(d.balance(member)).isEqualTo(new PointsQueries.Balance(0, pendingModel + availableModel, 0, 0));

        d.at(t0.plus(Duration.ofDays(15)));
        d.run(PointsConfirmationJob.NAME);
        assertThat(d.balance(member)).isEqualTo(new PointsQueries.Balance(availableModel, pendingModel, 0, 0));
        assertThat(d.number("SELECT coalesce(sum(points), 0) FROM points_earned WHERE member_id = ?", member))
                .isEqualTo(availableModel);
        assertThat(d.run(PointsVerificationJob.NAME).outcome()).contains("every balance equals its entries");
    }
}
