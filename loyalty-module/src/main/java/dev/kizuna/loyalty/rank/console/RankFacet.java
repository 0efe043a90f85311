package dev.kizuna.loyalty.rank.console;

import dev.kizuna.core.console.CustomerFacet;
import dev.kizuna.core.console.Formats;
import dev.kizuna.core.console.Messages;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.loyalty.rank.RankQueries;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rank in the customers list: its name, a filter by rank and a sort by level (highest first). Both read
 * {@code member.rank_level}, which the ranks feature keeps beside each rank change, so the sort walks the member
 * index {@code member_list_rank (rank_level DESC, id DESC)} like the spend sort does; the base rank is level 0.
 */
record RankFacet(RankQueries ranks) implements CustomerFacet {

    @Override
    public String key() {
        return "rank";
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public String labelKey() {
        return "customer.rank";
    }

    @Override
    public Map<Long, String> shown(Tx tx, List<Long> memberIds, Messages messages, Formats formats) {
        List<RankQueries.RankView> ladder = ranks.definitions().ranks();
        Map<String, String> names = new HashMap<>();
        ladder.forEach(r -> names.put(r.code(), r.name().get(messages.locale())));
        String base = ladder.isEmpty() ? "" : ladder.get(0).name().get(messages.locale());
        Map<Long, String> out = new HashMap<>();
        memberIds.forEach(id -> out.put(id, base));
        tx.sql().list("SELECT member_id, rank_code FROM member_rank WHERE member_id = ANY(?)",
                rs -> out.put(rs.getLong(1), names.getOrDefault(rs.getString(2), base)),
                tx.sql().longArray(memberIds.toArray(Long[]::new)));
        return out;
    }

    @Override
    public Optional<Sorting> sorting() {
        return Optional.of(new Sorting("", "m.rank_level", "m.id", "int", "false"));
    }

    @Override
    public Optional<Filter> filter() {
        return Optional.of(new Filter() {
            @Override
            public List<Choice> choices(Tx tx, Messages messages) {
                List<Choice> out = new ArrayList<>();
                ranks.definitions().ranks().forEach(r -> out.add(new Choice(r.code(), r.name().get(messages.locale()))));
                return out;
            }

            @Override
            public Optional<Condition> condition(String value) {
                return ranks.definitions().ranks().stream().filter(r -> r.code().equals(value)).findFirst()
                        .map(r -> Condition.of("m.rank_level = ?", r.level()));
            }
        });
    }
}
