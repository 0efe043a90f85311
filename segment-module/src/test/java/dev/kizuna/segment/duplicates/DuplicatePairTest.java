package dev.kizuna.segment.duplicates;

import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules of deciding a likely duplicate pair, without a database. */
class DuplicatePairTest {
    static final Instant EARLY = Instant.parse("2025-01-10T01:00:00Z");
    static final Instant LATE = Instant.parse("2026-03-05T01:00:00Z");

    static DuplicatePair pair(PairStatus status, Instant firstRegistered, long firstOrders, Instant secondRegistered,
                              long secondOrders) {
        return new DuplicatePair(7, new DuplicatePair.Member(1, "C-1", "山田 花子", "hanako@example.jp", firstRegistered,
                firstOrders, 0),
                new DuplicatePair.Member(2, "C-2", "やまだ はなこ", "Hanako@example.jp", secondRegistered, secondOrders, 0),
                List.of(DuplicateEvidence.PHONE, DuplicateEvidence.EMAIL, DuplicateEvidence.PHONE), status, LATE, null, null);
    }

    @Test
    void the_survivor_is_one_of_the_pair_named_by_its_customer_id() {
        DuplicatePair p = pair(PairStatus.OPEN, EARLY, 1, LATE, 1);
        assertThat(p.survivor(" C-2 ").memberId()).isEqualTo(2);
        assertThat(p.other(p.survivor("C-2")).customerRef()).isEqualTo("C-1");
        assertThatThrownBy(() -> p.survivor("C-3")).isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).field()).isEqualTo("survivor"))
                .satisfies(e -> assertThat(((InvalidInput) e).key()).isEqualTo("duplicates.survivor-not-in-pair"));
        assertThatThrownBy(() -> p.survivor(null)).isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).key()).isEqualTo("required"));
    }

    @Test
    void the_older_account_is_suggested_then_the_one_with_more_orders_and_a_placeholder_last() {
        assertThat(pair(PairStatus.OPEN, LATE, 9, EARLY, 0).suggested().customerRef()).isEqualTo("C-2");
        assertThat(pair(PairStatus.OPEN, EARLY, 0, EARLY, 3).suggested().customerRef()).isEqualTo("C-2");
        assertThat(pair(PairStatus.OPEN, null, 5, LATE, 0).suggested().customerRef()).isEqualTo("C-2");
        assertThat(pair(PairStatus.OPEN, EARLY, 2, EARLY, 2).suggested().customerRef()).isEqualTo("C-1");
    }

    @Test
    void evidence_is_listed_once_each_in_a_fixed_order() {
        assertThat(pair(PairStatus.OPEN, EARLY, 0, LATE, 0).evidence())
                .containsExactly(DuplicateEvidence.EMAIL, DuplicateEvidence.PHONE);
    }

    @Test
    void deciding_again_changes_nothing_and_a_merge_is_never_dismissed() {
        assertThat(pair(PairStatus.OPEN, EARLY, 0, LATE, 0).merging()).isEqualTo(DuplicatePair.Step.APPLY);
        assertThat(pair(PairStatus.DISMISSED, EARLY, 0, LATE, 0).merging()).isEqualTo(DuplicatePair.Step.APPLY);
        assertThat(pair(PairStatus.MERGED, EARLY, 0, LATE, 0).merging()).isEqualTo(DuplicatePair.Step.NOTHING);
        assertThat(pair(PairStatus.OPEN, EARLY, 0, LATE, 0).dismissing()).isEqualTo(DuplicatePair.Step.APPLY);
        assertThat(pair(PairStatus.DISMISSED, EARLY, 0, LATE, 0).dismissing()).isEqualTo(DuplicatePair.Step.NOTHING);
        assertThatThrownBy(() -> pair(PairStatus.MERGED, EARLY, 0, LATE, 0).dismissing())
                .isInstanceOf(Conflict.class).satisfies(e -> assertThat(((Conflict) e).code()).isEqualTo("PAIR_MERGED"));
    }
}
