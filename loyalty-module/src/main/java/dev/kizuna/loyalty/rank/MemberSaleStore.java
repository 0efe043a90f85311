package dev.kizuna.loyalty.rank;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.kizuna.core.json.Json;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.text.LocalizedText;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Member sales in {@code member_sale}. */
final class MemberSaleStore {
    private static final String SELECT = """
            SELECT id, name_ja, name_en, starts_at, ends_at, members_only, early_access::text FROM member_sale""";

    MemberSale insert(Tx tx, MemberSale s, Instant now, String actor) {
        long id = tx.sql().one("""
                INSERT INTO member_sale (name_ja, name_en, starts_at, ends_at, members_only, early_access, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?) RETURNING id""", rs -> rs.getLong(1),
                s.name().ja(), s.name().en(), s.startsAt(), s.endsAt(), s.membersOnly(), Json.write(s.earlyAccess()),
                now, actor).orElseThrow();
        return find(tx, id).orElseThrow();
    }

    Optional<MemberSale> find(Tx tx, long id) {
        return tx.sql().one(SELECT + " WHERE id = ?", MemberSaleStore::map, id);
    }

    /** The sales not ended at {@code at}, soonest ending first. */
    List<MemberSale> current(Tx tx, Instant at) {
        return tx.sql().list(SELECT + " WHERE ends_at > ? ORDER BY ends_at, id", MemberSaleStore::map, at);
    }

    private static MemberSale map(ResultSet rs) throws SQLException {
        List<MemberSale.EarlyAccess> access;
        try {
            access = Json.MAPPER.readValue(rs.getString(7), new TypeReference<List<MemberSale.EarlyAccess>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("member_sale.early_access is not a list of openings", e);
        }
        return new MemberSale(rs.getLong(1), LocalizedText.of(rs.getString(2), rs.getString(3)), Sql.instant(rs, "starts_at"),
                Sql.instant(rs, "ends_at"), rs.getBoolean(6), access);
    }
}
