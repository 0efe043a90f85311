package dev.kizuna.loyalty.points.console;

import dev.kizuna.core.console.CustomerFacet;
import dev.kizuna.core.console.Formats;
import dev.kizuna.core.console.Messages;
import dev.kizuna.core.persistence.Tx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The available points in the customers list, sortable on {@code points_account (available DESC, member_id DESC)}. */
record PointsFacet() implements CustomerFacet {

    @Override
    public String key() {
        return "points";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public String labelKey() {
        return "customers.points";
    }

    @Override
    public Map<Long, String> shown(Tx tx, List<Long> memberIds, Messages messages, Formats formats) {
        Map<Long, String> out = new HashMap<>();
        memberIds.forEach(id -> out.put(id, formats.number(0)));
        tx.sql().list("SELECT member_id, available FROM points_account WHERE member_id = ANY(?)",
                rs -> out.put(rs.getLong(1), formats.number(rs.getLong(2))),
                tx.sql().longArray(memberIds.toArray(Long[]::new)));
        return out;
    }

    @Override
    public Optional<Sorting> sorting() {
        return Optional.of(new Sorting("JOIN points_account p ON p.member_id = m.id", "p.available", "p.member_id",
                "bigint", "NOT EXISTS (SELECT 1 FROM points_account p WHERE p.member_id = m.id)"));
    }
}
