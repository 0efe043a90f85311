package dev.kizuna.segment.rfm;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.json.Json;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.core.web.Role;
import dev.kizuna.segment.SegmentQueries;
import dev.kizuna.segment.ShopHistory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * RFM on a crafted shop of ten customers whose figures put them in known quintiles (with ties), scored, then scored
 * again 300 days later: the segments, the movements between them, customers leaving the window, and the merchant
 * redrawing the map. The tests run in order on one history, as the nights of a shop would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RfmScoringTest {
    static final LocalDate FIRST_NIGHT = LocalDate.of(2026, 6, 1);
    static final Instant FIRST_AS_OF = FIRST_NIGHT.atTime(3, 0).atZone(ShopHistory.TOKYO).toInstant();
    static final Instant SECOND_AS_OF = FIRST_AS_OF.plusSeconds(300L * 86_400);

    static KizunaRuntime kizuna;
    static ShopHistory shop;
    static ApiClient api;
    static SegmentQueries queries;
    static final Map<String, Long> members = new LinkedHashMap<>();
    static String lateOrder;

    /** Days since the last order, number of orders, money (yen): see the class comment of the expected scores. */
    record Customer(String ref, int daysAgo, int orders, long money) {
    }

    static final List<Customer> CUSTOMERS = List.of(
            new Customer("A", 1, 12, 120_000),
            new Customer("B", 3, 10, 90_000),
            new Customer("C", 10, 1, 3_000),
            new Customer("D", 20, 1, 2_000),
            new Customer("E", 40, 6, 70_000),
            new Customer("F", 60, 4, 40_000),
            new Customer("G", 200, 8, 100_000),
            new Customer("H", 300, 2, 9_000),
            new Customer("I", 400, 1, 1_000),
            new Customer("J", 500, 1, 5_000));

    @BeforeAll
    static void history() {
        kizuna = TestKizuna.install(new FakeHost(), Map.of("kizuna.segments.rfm.batch-size", "3"));
        shop = new ShopHistory(kizuna);
        api = new ApiClient(kizuna);
        queries = kizuna.context().ports().require(SegmentQueries.class);
        for (Customer c : CUSTOMERS) {
            members.put(c.ref(), shop.customer(c.ref(), "Customer " + c.ref()));
        }
        for (Customer c : CUSTOMERS) {
            if (c.ref().equals("B")) {
                continue;
            }
            long each = c.money() / c.orders();
            for (int i = 0; i < c.orders(); i++) {
                shop.order(c.ref(), ShopHistory.noon(FIRST_NIGHT, c.daysAgo() + 7 * i), each);
            }
        }
        // B: nine orders of 9,000 and one of two units at 9,000 with one unit returned: 90,000 net.
        for (int i = 1; i < 10; i++) {
            shop.order("B", ShopHistory.noon(FIRST_NIGHT, 3 + 7 * i), 9_000);
        }
        String partlyReturned = shop.orderUnits("B", ShopHistory.noon(FIRST_NIGHT, 3), "CD-1", 2, 9_000);
        shop.returnUnits(partlyReturned, "CD-1", 1, ShopHistory.noon(FIRST_NIGHT, 2));
        // What must not count: J's big order before the 24-month window, K's cancelled order, L's fully returned one,
        // M's orders after erasure, N's order in the future of the as-of time.
        shop.order("J", ShopHistory.noon(FIRST_NIGHT, 900), 1_000_000);
        shop.customer("K", "Customer K");
        shop.cancel(shop.order("K", ShopHistory.noon(FIRST_NIGHT, 5), 50_000), ShopHistory.noon(FIRST_NIGHT, 4));
        shop.customer("L", "Customer L");
        String returned = shop.orderUnits("L", ShopHistory.noon(FIRST_NIGHT, 6), "CD-2", 1, 8_000);
        shop.returnUnits(returned, "CD-2", 1, ShopHistory.noon(FIRST_NIGHT, 5));
        shop.customer("M", "Customer M");
        shop.order("M", ShopHistory.noon(FIRST_NIGHT, 8), 30_000);
        shop.erase("M", ShopHistory.noon(FIRST_NIGHT, 7));
        shop.customer("N", "Customer N");
        lateOrder = shop.order("N", FIRST_AS_OF.plusSeconds(3_600), 30_000);
    }

    @AfterAll
    static void close() {
        api.close();
        kizuna.close();
    }

    record Scored(String ref, int r, int f, int m, int fm, String segment) {
    }

    static List<Scored> scores() {
        List<Scored> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : members.entrySet()) {
            kizuna.context().database().inTransaction(tx -> tx.sql().one(
                    "SELECT r, f, m, fm, segment_key FROM rfm_score WHERE member_id = ?",
                    rs -> new Scored(e.getKey(), rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getString(5)),
                    e.getValue())).ifPresent(out::add);
        }
        return out;
    }

    /** A console read, as the JSON the API answers turned back into the feature's record. */
    static <T> T read(String path, Class<T> type) throws Exception {
        ApiClient.Reply r = api.call(new ApiClient.Console(Role.ADMIN), "GET", path, null);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return Json.MAPPER.treeToValue(r.json(), type);
    }

    @Test
    @Order(1)
    void quintiles_come_from_ntile_with_ties_sharing_the_lowest_score_and_cells_name_the_segments() {
        shop.clock(FIRST_AS_OF);
        JobRuns.JobRun run = shop.run(RfmScoringJob.NAME);

        // Recency: J I | H G | F E | D C | B A. Frequency: C D I J tie at one order across quintiles 1 and 2 and all
        // get 1; H (2 orders) is fifth and gets 3, so no one has F=2. Money: I D | C J | H F | E B | G A.
        assertThat(scores()).extracting(Scored::ref, Scored::r, Scored::f, Scored::m, Scored::fm, Scored::segment)
                .containsExactly(
                        tuple("A", 5, 5, 5, 5, "champions"),
                        tuple("B", 5, 5, 4, 5, "champions"),
                        tuple("C", 4, 1, 2, 2, "potential-loyalists"),
                        tuple("D", 4, 1, 1, 1, "promising"),
                        tuple("E", 3, 4, 4, 4, "loyal"),
                        tuple("F", 3, 3, 3, 3, "needs-attention"),
                        tuple("G", 2, 4, 5, 5, "cant-lose-them"),
                        tuple("H", 2, 3, 3, 3, "at-risk"),
                        tuple("I", 1, 1, 1, 1, "lost"),
                        tuple("J", 1, 1, 2, 2, "lost"));
        assertThat(run.outcome()).contains("scored 10 members").contains("10 entered");
        assertThat(run.done()).isEqualTo(10);
    }

    @Test
    @Order(2)
    void the_figures_count_the_window_net_of_returns_and_nothing_cancelled_returned_erased_or_later() {
        SegmentQueries.CustomerSegments b = queries.customer("B").orElseThrow();
        assertThat(b.rfm().monetary()).isEqualTo(90_000);
        assertThat(b.rfm().frequency()).isEqualTo(10);
        assertThat(b.rfm().recencyDays()).isEqualTo(3);
        SegmentQueries.CustomerSegments j = queries.customer("J").orElseThrow();
        assertThat(j.rfm().monetary()).as("the order of 900 days ago is outside 24 months").isEqualTo(5_000);
        for (String unscored : List.of("K", "L", "M", "N")) {
            assertThat(queries.customer(unscored).orElseThrow().rfm()).as(unscored).isNull();
        }
        assertThat(shop.count("SELECT count(*) FROM rfm_staging")).as("scratch space emptied").isZero();
    }

    @Test
    @Order(3)
    void the_grid_counts_members_per_cell_and_shows_each_cells_segment() throws Exception {
        SegmentQueries.RfmGrid grid = read("/segments/rfm/grid", SegmentQueries.RfmGrid.class);
        assertThat(grid.scored()).isEqualTo(10);
        assertThat(grid.cells()).hasSize(25);
        assertThat(grid.cells()).filteredOn(c -> c.r() == 5 && c.fm() == 5).singleElement()
                .satisfies(c -> {
                    assertThat(c.members()).isEqualTo(2);
                    assertThat(c.segmentKey()).isEqualTo("champions");
                });
        assertThat(grid.cells()).filteredOn(c -> c.r() == 1 && c.fm() <= 2)
                .extracting(SegmentQueries.GridCell::members).containsExactly(1L, 1L);
        assertThat(grid.rfCells()).filteredOn(c -> c.f() == 1).extracting(SegmentQueries.RfCell::members)
                .as("R5..R1 with F=1").containsExactly(0L, 2L, 0L, 0L, 2L);
    }

    @Test
    @Order(4)
    void three_hundred_days_later_the_history_lists_who_moved_where_and_who_left_the_window() throws Exception {
        shop.cancel(lateOrder, FIRST_AS_OF.plusSeconds(7_200));
        shop.order("H", ShopHistory.noon(FIRST_NIGHT.plusDays(300), 1), 20_000);
        shop.order("H", ShopHistory.noon(FIRST_NIGHT.plusDays(300), 2), 20_000);
        Instant sinceI = queries.customer("I").orElseThrow().rfm().segmentSince();
        shop.clock(SECOND_AS_OF);

        JobRuns.JobRun run = shop.run(RfmScoringJob.NAME);

        assertThat(scores()).extracting(Scored::ref, Scored::segment).containsExactly(
                tuple("A", "loyal"), tuple("B", "loyal"), tuple("C", "about-to-sleep"), tuple("D", "about-to-sleep"),
                tuple("E", "at-risk"), tuple("F", "hibernating"), tuple("G", "at-risk"),
                tuple("H", "potential-loyalists"), tuple("I", "lost"));
        assertThat(run.outcome()).contains("8 moved segment").contains("1 left");
        assertThat(queries.customer("I").orElseThrow().rfm().segmentSince()).as("I stayed lost").isEqualTo(sinceI);

        SegmentQueries.Movements loyalToAtRisk = read(
                "/segments/movements?from=loyal&to=at-risk&since=" + FIRST_NIGHT.plusDays(1), SegmentQueries.Movements.class);
        assertThat(loyalToAtRisk.total()).isEqualTo(1);
        assertThat(loyalToAtRisk.movements()).singleElement().satisfies(m -> {
            assertThat(m.customerRef()).isEqualTo("E");
            assertThat(m.movedAt()).isEqualTo(run.asOf());
        });
        SegmentQueries.Movements fromChampions = queries.movements("rfm:champions", null, FIRST_AS_OF.plusSeconds(1), 1, 50);
        assertThat(fromChampions.movements()).extracting(SegmentQueries.MovementRow::customerRef, SegmentQueries.MovementRow::to)
                .containsExactlyInAnyOrder(tuple("A", "loyal"), tuple("B", "loyal"));
        SegmentQueries.Movements left = queries.movements(null, "none", FIRST_AS_OF.plusSeconds(1), 1, 50);
        assertThat(left.movements()).extracting(SegmentQueries.MovementRow::customerRef, SegmentQueries.MovementRow::from)
                .containsExactly(tuple("J", "lost"));
        SegmentQueries.Movements all = queries.movements(null, null, FIRST_AS_OF, 1, 50);
        assertThat(all.total()).as("10 entered on the first night, 9 changes on the second").isEqualTo(19);
        assertThat(queries.movementCounts(FIRST_AS_OF.plusSeconds(1)))
                .contains(new SegmentQueries.MovementCount("champions", "loyal", 2),
                        new SegmentQueries.MovementCount("loyal", "at-risk", 1));
        assertThat(queries.customer("E").orElseThrow().history()).extracting(SegmentQueries.MovementRow::from,
                SegmentQueries.MovementRow::to).containsExactly(tuple("loyal", "at-risk"), tuple(null, "loyal"));
    }

    @Test
    @Order(5)
    void scoring_again_on_the_same_night_moves_nobody() {
        long before = shop.count("SELECT count(*) FROM rfm_segment_history");
        JobRuns.JobRun run = shop.run(RfmScoringJob.NAME);
        assertThat(shop.count("SELECT count(*) FROM rfm_segment_history")).isEqualTo(before);
        assertThat(run.outcome()).contains("0 moved segment, 0 entered, 0 left");
    }

    @Test
    @Order(6)
    void a_run_that_dies_mid_merge_resumes_after_its_last_batch_and_records_each_move_once() {
        RfmScoringJob job = (RfmScoringJob) kizuna.context().jobs().find(RfmScoringJob.NAME).orElseThrow();
        // Back to the first night's figures: every remaining member moves back.
        shop.clock(SECOND_AS_OF.plusSeconds(400L * 86_400));
        int[] batches = {0};
        job.observeBatches(last -> {
            if (++batches[0] == 2) {
                throw new IllegalStateException("node died");
            }
        });
        JobRuns.JobRun first = kizuna.jobRuns().run(job, "schedule", null);
        assertThat(first.status()).isEqualTo(JobRunStatus.FAILED);
        assertThat(first.done()).as("one batch of three committed").isEqualTo(3);
        long historyAfterCrash = shop.count("SELECT count(*) FROM rfm_segment_history WHERE run_id = ?", first.id());

        job.observeBatches(last -> { });
        JobRuns.JobRun second = kizuna.jobRuns().run(job, "schedule", null);

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.status()).isEqualTo(JobRunStatus.SUCCEEDED);
        assertThat(second.resumed()).isEqualTo(1);
        assertThat(second.done()).isEqualTo(9);
        assertThat(historyAfterCrash).isPositive();
        assertThat(shop.count("""
                SELECT count(*) FROM (SELECT member_id FROM rfm_segment_history WHERE run_id = ?
                                      GROUP BY member_id HAVING count(*) > 1) dup""", second.id())).isZero();
        assertThat(shop.count("SELECT count(DISTINCT scored_at) FROM rfm_score")).as("one as-of time").isEqualTo(1);
        assertThat(shop.count("SELECT count(*) FROM rfm_score WHERE scored_at = ?", first.asOf())).isEqualTo(
                shop.count("SELECT count(*) FROM rfm_score"));
    }

    @Test
    @Order(7)
    void the_merchant_redraws_the_map_it_applies_at_once_without_history_and_is_audited() throws Exception {
        shop.clock(FIRST_AS_OF);
        shop.run(RfmScoringJob.NAME);
        assertThat(queries.customer("D").orElseThrow().rfm().segmentKey()).isEqualTo("promising");
        long historyBefore = shop.count("SELECT count(*) FROM rfm_segment_history");
        List<RfmSegmentDefinition> redrawn = new ArrayList<>();
        for (RfmSegmentDefinition d : queries.rfmDefinitions()) {
            if (d.key().equals("promising")) {
                continue;
            }
            redrawn.add(d.key().equals("new")
                    ? new RfmSegmentDefinition("new", LocalizedText.of("新規・有望", "New and promising"), 4, 5, 1, 1)
                    : d);
        }
        String body = Json.write(new RfmDefinitions.Definitions(redrawn));

        ApiClient.Reply put = api.call(new ApiClient.Console(Role.MARKETER), "PUT", "/segments/rfm/definitions", body);
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        RfmDefinitions.Replaced replaced = Json.MAPPER.treeToValue(put.json(), RfmDefinitions.Replaced.class);

        assertThat(replaced.membersReassigned()).isEqualTo(1);
        SegmentQueries.CustomerSegments d = queries.customer("D").orElseThrow();
        assertThat(d.rfm().segmentKey()).isEqualTo("new");
        assertThat(d.rfm().segmentName().en()).isEqualTo("New and promising");
        assertThat(shop.count("SELECT count(*) FROM rfm_segment_history")).isEqualTo(historyBefore);
        assertThat(shop.count("SELECT count(*) FROM audit_log WHERE action = 'segments.rfm-definitions.update' "
                + "AND actor = 'tester-marketer' AND before::text LIKE '%\"promising\"%' AND after::text NOT LIKE '%\"promising\"%'"))
                .isEqualTo(1);
        assertThat(queries.rfmDefinitions()).extracting(RfmSegmentDefinition::key).doesNotContain("promising").hasSize(10);
    }

    @Test
    @Order(8)
    void an_invalid_map_is_refused_naming_the_field_and_changes_nothing() throws Exception {
        List<RfmSegmentDefinition> before = queries.rfmDefinitions();
        long audits = shop.count("SELECT count(*) FROM audit_log");
        List<RfmSegmentDefinition> overlapping = new ArrayList<>(before);
        RfmSegmentDefinition champions = overlapping.get(0);
        overlapping.set(0, new RfmSegmentDefinition(champions.key(), champions.name(), 4, 5, 4, 5));
        String body = Json.write(new RfmDefinitions.Definitions(overlapping));

        ApiClient.Console admin = new ApiClient.Console(Role.ADMIN);
        ApiClient.Reply overlap = api.call(admin, "PUT", "/segments/rfm/definitions", body);
        assertThat(overlap.status()).isEqualTo(400);
        assertThat(overlap.json().get("field").asText()).isEqualTo("segments[1]");
        // the segment it overlaps by its name in the caller's language, not its key
        assertThat(overlap.json().get("detail").asText()).contains("overlaps " + champions.name().text("en") + " at R4 × FM4");
        assertThat(api.call(admin, "ja", "PUT", "/segments/rfm/definitions", body).json().get("detail").asText())
                .contains("「" + champions.name().text("ja") + "」").doesNotContain(champions.key());
        ApiClient.Reply fraction = api.call(admin, "PUT", "/segments/rfm/definitions",
                "{\"segments\":[{\"key\":\"all\",\"name\":{\"ja\":\"全員\",\"en\":\"All\"},\"recencyMin\":1,"
                        + "\"recencyMax\":5,\"fmMin\":1,\"fmMax\":4.5}]}");
        assertThat(fraction.status()).isEqualTo(400);
        assertThat(fraction.json().get("field").asText()).isEqualTo("segments[0].fmMax");
        assertThat(api.call(new ApiClient.Console(Role.SUPPORT), "PUT", "/segments/rfm/definitions", body).status())
                .isEqualTo(403);

        assertThat(queries.rfmDefinitions()).isEqualTo(before);
        assertThat(shop.count("SELECT count(*) FROM audit_log")).isEqualTo(audits);
    }
}
