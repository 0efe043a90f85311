package dev.kizuna.segment.recommend;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * Three customers bought sencha with a teapot, six bought yokan; J bought sencha and came back for the teapot, K
 * bought the handbook and came back for a teacup nobody else bought, R bought yokan twice.
 */
class OfflineEvaluationTest {
    static final LocalDate D1 = LocalDate.of(2026, 3, 1);
    static final LocalDate D2 = LocalDate.of(2026, 4, 1);

    static List<OfflineEvaluation.Purchase> log() {
        List<OfflineEvaluation.Purchase> log = new ArrayList<>();
        for (String a : List.of("A1", "A2", "A3")) {
            log.add(new OfflineEvaluation.Purchase(a, D1, "TEA"));
            log.add(new OfflineEvaluation.Purchase(a, D1, "POT"));
        }
        for (String s : List.of("S1", "S2", "S3", "S4", "S5")) {
            log.add(new OfflineEvaluation.Purchase(s, D1, "SWEET"));
        }
        log.add(new OfflineEvaluation.Purchase("J", D1, "TEA"));
        log.add(new OfflineEvaluation.Purchase("J", D2, "POT"));
        log.add(new OfflineEvaluation.Purchase("K", D1, "BOOK"));
        log.add(new OfflineEvaluation.Purchase("K", D2, "CUP"));
        log.add(new OfflineEvaluation.Purchase("R", D1, "SWEET"));
        log.add(new OfflineEvaluation.Purchase("R", D2, "SWEET"));
        return log;
    }

    @Test
    void the_last_purchase_is_held_out_and_judged_against_both_lists() {
        OfflineEvaluation.Result r = OfflineEvaluation.withJobDefaults().evaluate(log());
        assertThat(r.judged()).isEqualTo(2);
        assertThat(r.repeatOnly()).isEqualTo(1);
        assertThat(r.single()).isEqualTo(8);
        assertThat(r.products()).isEqualTo(5);
        // J: the teapot is sencha's neighbour, first "for you"; K: the teacup is in no list
        assertThat(r.coOccurrence().hitRate()).isCloseTo(0.5, offset(1e-12));
        assertThat(r.coOccurrence().mrr()).isCloseTo(0.5, offset(1e-12));
        assertThat(r.served().hitRate()).isCloseTo(0.5, offset(1e-12));
        assertThat(r.served().mrr()).isCloseTo(0.5, offset(1e-12));
        // popular for J, who owns the sencha: yokan (6 buyers), the teapot (3: J's own held out is not counted)
        assertThat(r.popular().hitRate()).isCloseTo(0.5, offset(1e-12));
        assertThat(r.popular().mrr()).isCloseTo(0.25, offset(1e-12));
    }

    @Test
    void pairs_below_the_minimum_support_are_not_neighbours() {
        OfflineEvaluation.Result r = new OfflineEvaluation(4, 50, 20).evaluate(log());
        assertThat(r.coOccurrence().hitRate()).isZero();
        assertThat(r.popular().hitRate()).isCloseTo(0.5, offset(1e-12));
    }
}
