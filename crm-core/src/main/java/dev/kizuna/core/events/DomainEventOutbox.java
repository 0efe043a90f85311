package dev.kizuna.core.events;

import dev.kizuna.core.json.Json;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.DomainEvent;
import dev.kizuna.core.ports.DomainEvents;

import java.util.List;

/**
 * The {@code domain_event} table as the outbox of {@link DomainEvents}: one set-based insert on the caller's
 * connection per batch of events, in their order.
 */
public final class DomainEventOutbox implements DomainEvents {

    @Override
    public void record(Tx tx, List<DomainEvent> events) {
        int n = events.size();
        String[] types = new String[n];
        Long[] members = new Long[n];
        String[] at = new String[n];
        String[] data = new String[n];
        for (int i = 0; i < n; i++) {
            DomainEvent e = events.get(i);
            types[i] = e.type().wire();
            members[i] = e.memberId();
            at[i] = e.occurredAt().toString();
            data[i] = Json.write(e.data());
        }
        Sql sql = tx.sql();
        sql.update("""
                INSERT INTO domain_event (type, member_id, occurred_at, data)
                SELECT e.type, e.member_id, e.at::timestamptz, e.data::jsonb
                FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[]) WITH ORDINALITY AS e(type, member_id, at, data, n)
                ORDER BY e.n""", sql.textArray(types), sql.longArray(members), sql.textArray(at), sql.textArray(data));
    }
}
