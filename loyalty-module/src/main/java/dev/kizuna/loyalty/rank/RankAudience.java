package dev.kizuna.loyalty.rank;

import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.RankFacts;
import dev.kizuna.core.ports.SqlCondition;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ranks for messages and audiences ({@link RankFacts}): the rank held and, from the batch's qualifying figures
 * counted in one statement as the recalculation counts them, the points missing for the rank above and for keeping
 * the current one.
 */
final class RankAudience implements RankFacts {
    private final RankStore store;
    private final Clock clock;
    private final ZoneId zone;

    RankAudience(RankStore store, Clock clock, ZoneId zone) {
        this.store = store;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public SqlCondition rankAtLeast(String code) {
        return SqlCondition.of("""
                coalesce((SELECT d.level FROM member_rank r JOIN rank_definition d ON d.code = r.rank_code
                          WHERE r.member_id = m.id), 0) >= (SELECT level FROM rank_definition WHERE code = ?)""", code);
    }

    @Override
    public Map<Long, MemberRankFacts> ranks(Tx tx, Collection<Long> memberIds) {
        Map<Long, MemberRankFacts> out = new HashMap<>();
        if (memberIds.isEmpty()) {
            return out;
        }
        RankProgram program = store.program(tx);
        QualificationWindow window = QualificationWindow.of(clock.instant(), program.windowMonths(), zone);
        List<Long> ids = memberIds.stream().sorted().distinct().toList();
        for (RankStore.Judged j : store.figures(tx, ids, window, program.usesSpend())) {
            RankDefinition current = j.current() == null ? program.base() : program.rankOrBase(j.current().rankCode());
            Optional<RankDefinition> next = program.next(current);
            Long toNext = next.map(n -> n.thresholds().minPoints())
                    .map(min -> Math.max(0, min - j.figures().points())).orElse(null);
            Long keepMin = current.thresholds().minPoints();
            long toKeep = current.isBase() || keepMin == null ? 0 : Math.max(0, keepMin - j.figures().points());
            out.put(j.memberId(), new MemberRankFacts(current.code(), current.name(),
                    next.map(RankDefinition::name).orElse(null), toNext, toKeep));
        }
        return out;
    }

    @Override
    public List<Upgrade> upgradesSince(Tx tx, Instant since) {
        return tx.sql().list("""
                SELECT id, member_id, to_code, changed_at FROM rank_history WHERE change = 'UPGRADE' AND changed_at > ?
                ORDER BY id""", rs -> new Upgrade(rs.getLong(1), rs.getLong(2), rs.getString(3),
                Sql.instant(rs, "changed_at")), since);
    }

    /**
     * By the points criterion: points earned so far in the window (as {@link QualificationWindow} draws it) short of
     * the current rank's minimum.
     */
    @Override
    public SqlCondition atRisk(Instant now) {
        return SqlCondition.of("""
                EXISTS (SELECT 1 FROM member_rank r JOIN rank_definition d ON d.code = r.rank_code
                        WHERE r.member_id = m.id AND d.level > 0 AND d.min_points IS NOT NULL
                          AND d.min_points > (SELECT coalesce(sum(e.points), 0) FROM points_earned e
                                              WHERE e.member_id = m.id AND e.earned_at >= (
                                                  date_trunc('day', (?::timestamptz AT TIME ZONE ?) - make_interval(
                                                      months => coalesce((SELECT window_months FROM rank_program), 12)))
                                                  AT TIME ZONE ?)))""", now, zone.getId(), zone.getId());
    }
}
