package dev.kizuna.admin.console.customers;

import dev.kizuna.core.console.CustomerFacet;
import dev.kizuna.core.console.Formats;
import dev.kizuna.core.console.Messages;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The customers list's own columns, from the member mirror: registration, last order and spend (kept orders,
 * merchandise net of returns; the mirror recounts both on every order change), each with its index.
 */
final class MemberFacets {
    /** The list's sort when none is asked for: newest members first. */
    static final String DEFAULT_SORT = "registered";

    private MemberFacets() {
    }

    static List<CustomerFacet> all() {
        return List.of(
                new Column("last-order", 20, "customers.last-order",
                        new CustomerFacet.Sorting("", "m.last_order_at", "m.id", "timestamptz", "m.last_order_at IS NULL"),
                        "last_order_at", (rs, f) -> f.date(Sql.instant(rs, "v"))),
                new Column("spend", 30, "customers.spend",
                        new CustomerFacet.Sorting("", "m.spend", "m.id", "bigint", "false"),
                        "spend", (rs, f) -> f.money(rs.getLong("v"))),
                new Column(DEFAULT_SORT, 90, "customers.registered",
                        new CustomerFacet.Sorting("", "m.registered_at", "m.id", "timestamptz", "m.registered_at IS NULL"),
                        "registered_at", (rs, f) -> f.date(Sql.instant(rs, "v"))));
    }

    private interface Cell {
        String text(ResultSet rs, Formats formats) throws SQLException;
    }

    private record Column(String key, int order, String labelKey, Sorting sort, String memberColumn, Cell cell)
            implements CustomerFacet {

        @Override
        public Map<Long, String> shown(Tx tx, List<Long> memberIds, Messages messages, Formats formats) {
            Map<Long, String> out = new HashMap<>();
            tx.sql().list("SELECT id, " + memberColumn + " AS v FROM member WHERE id = ANY(?) AND " + memberColumn + " IS NOT NULL",
                    rs -> out.put(rs.getLong(1), cell.text(rs, formats)),
                    tx.sql().longArray(memberIds.toArray(Long[]::new)));
            return out;
        }

        @Override
        public Optional<Sorting> sorting() {
            return Optional.of(sort);
        }
    }
}
