package dev.kizuna.messaging.journey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kizuna.core.json.Json;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.messaging.audience.AudienceJson;
import dev.kizuna.messaging.consent.Channel;
import dev.kizuna.messaging.consent.Purpose;
import dev.kizuna.messaging.delivery.Outbound;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code journey} and {@code journey_entry} tables. */
final class JourneyStore {
    private static final String COLUMNS = """
            id, key, name::text, trigger, trigger_value, channel, purpose, steps::text, exit_on_order,
            holdout_percent, conversion_days, active""";

    /** Inserts or, with {@code replace}, overwrites the journey of the same key; returns its id. */
    long save(Tx tx, Journey j, boolean replace, Instant now) {
        String conflict = replace ? """
                DO UPDATE SET name = excluded.name, trigger = excluded.trigger, trigger_value = excluded.trigger_value,
                channel = excluded.channel, purpose = excluded.purpose, steps = excluded.steps,
                exit_on_order = excluded.exit_on_order, holdout_percent = excluded.holdout_percent,
                conversion_days = excluded.conversion_days, active = excluded.active, updated_at = excluded.updated_at"""
                : "DO NOTHING";
        tx.sql().update("""
                INSERT INTO journey (key, name, trigger, trigger_value, channel, purpose, steps, exit_on_order,
                                     holdout_percent, conversion_days, active, updated_at)
                VALUES (?, ?::jsonb, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?) ON CONFLICT (key)""" + " " + conflict,
                j.key(), Json.write(j.name()), j.trigger(), j.triggerValue(), j.channel(), j.purpose(),
                steps(j.steps()).toString(), j.exitOnOrder(), j.holdoutPercent(), j.conversionDays(), j.active(), now);
        return tx.sql().number("SELECT id FROM journey WHERE key = ?", j.key());
    }

    boolean keyTaken(Tx tx, String key) {
        return tx.sql().number("SELECT count(*) FROM journey WHERE key = ?", key) > 0;
    }

    Optional<Journey> find(Tx tx, long id) {
        return tx.sql().one("SELECT " + COLUMNS + " FROM journey WHERE id = ?", JourneyStore::map, id);
    }

    List<Journey> all(Tx tx) {
        return tx.sql().list("SELECT " + COLUMNS + " FROM journey ORDER BY id", JourneyStore::map);
    }

    List<Journey> active(Tx tx, JourneyTrigger trigger) {
        return tx.sql().list("SELECT " + COLUMNS + " FROM journey WHERE active AND trigger = ? ORDER BY id",
                JourneyStore::map, trigger);
    }

    /**
     * Enters the members on their occasions (a retried event's or a rerun's entry is already there: nothing
     * happens; nor while the member is in the journey). Returns how many entered.
     */
    int enter(Tx tx, Journey j, List<Long> members, List<String> occasions, List<Boolean> holdouts, Instant at) {
        if (members.isEmpty()) {
            return 0;
        }
        Duration first = j.steps().isEmpty() ? Duration.ZERO : j.steps().get(0).after();
        return tx.sql().update("""
                INSERT INTO journey_entry (journey_id, member_id, occasion, status, holdout, entered_at, next_step, next_at)
                SELECT ?, mb, oc, 'ACTIVE', h, ?, 0, ? FROM unnest(?::bigint[], ?::text[], ?::boolean[]) AS u(mb, oc, h)
                ON CONFLICT DO NOTHING""", j.id(), at, at.plus(first),
                tx.sql().longArray(members.toArray(Long[]::new)), tx.sql().textArray(occasions.toArray(String[]::new)),
                bools(tx, holdouts));
    }

    private static java.sql.Array bools(Tx tx, List<Boolean> values) {
        try {
            return tx.sql().connection().createArrayOf("boolean", values.toArray(Boolean[]::new));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Members matching {@code condition} (over {@code m}) not in the journey now. */
    List<Long> candidates(Tx tx, Journey j, String condition, List<Object> args, long after, int limit) {
        List<Object> a = new ArrayList<>(args);
        a.add(j.id());
        a.add(after);
        a.add(limit);
        return tx.sql().list("SELECT m.id FROM member m WHERE m.erased_at IS NULL AND (" + condition + """
                ) AND NOT EXISTS (SELECT 1 FROM journey_entry e WHERE e.member_id = m.id AND e.journey_id = ?
                                                                  AND e.status = 'ACTIVE')
                  AND m.id > ? ORDER BY m.id LIMIT ?""", rs -> rs.getLong(1), a.toArray());
    }

    /** An entry whose next step is due. */
    record Due(long entryId, long journeyId, int step, Instant nextAt, Instant enteredAt, Outbound.Recipient recipient) {
    }

    List<Due> due(Tx tx, Instant now, int limit) {
        return tx.sql().list("""
                SELECT e.id, e.journey_id, e.next_step, e.next_at, e.entered_at, m.id, m.customer_ref, m.locale
                FROM journey_entry e JOIN journey j ON j.id = e.journey_id AND j.active JOIN member m ON m.id = e.member_id
                WHERE e.status = 'ACTIVE' AND e.next_at <= ? ORDER BY e.next_at, e.id LIMIT ? FOR UPDATE OF e SKIP LOCKED""",
                rs -> new Due(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getObject(4, java.time.OffsetDateTime.class).toInstant(),
                        rs.getObject(5, java.time.OffsetDateTime.class).toInstant(),
                        new Outbound.Recipient(rs.getLong(6), rs.getString(7), rs.getString(8), rs.getLong(1))),
                now, limit);
    }

    /** Of these entries, those whose customer ordered since entering. */
    List<Long> ordered(Tx tx, List<Long> entryIds) {
        return tx.sql().list("""
                SELECT e.id FROM journey_entry e WHERE e.id = ANY(?) AND EXISTS (
                    SELECT 1 FROM order_summary o WHERE o.member_id = e.member_id AND o.submitted_at >= e.entered_at)""",
                rs -> rs.getLong(1), tx.sql().longArray(entryIds.toArray(Long[]::new)));
    }

    void advance(Tx tx, long entryId, int nextStep, Instant nextAt) {
        tx.sql().update("UPDATE journey_entry SET next_step = ?, next_at = ? WHERE id = ?", nextStep, nextAt, entryId);
    }

    void end(Tx tx, List<Long> entryIds, EntryStatus status, Instant at) {
        tx.sql().update("UPDATE journey_entry SET status = ?, ended_at = ?, next_at = NULL WHERE id = ANY(?)",
                status, at, tx.sql().longArray(entryIds.toArray(Long[]::new)));
    }

    /** Whether any active journey has customers in it who would leave it on an order. */
    boolean anyExitOnOrder(Tx tx) {
        return tx.sql().number("""
                SELECT count(*) FROM (SELECT 1 FROM journey_entry e JOIN journey j ON j.id = e.journey_id
                                      WHERE j.exit_on_order AND e.status = 'ACTIVE' LIMIT 1) x""") > 0;
    }

    /** The customer ordered: their journeys that end on an order end now. */
    int exitOnOrder(Tx tx, long memberId, Instant orderedAt) {
        return tx.sql().update("""
                UPDATE journey_entry e SET status = 'EXITED', ended_at = ?, next_at = NULL
                FROM journey j WHERE j.id = e.journey_id AND j.exit_on_order AND e.member_id = ? AND e.status = 'ACTIVE'
                  AND e.entered_at <= ?""", orderedAt, memberId, orderedAt);
    }

    record EntryCounts(long active, long done, long exited) {
    }

    EntryCounts entries(Tx tx, long journeyId) {
        return tx.sql().one("""
                SELECT count(*) FILTER (WHERE status = 'ACTIVE'), count(*) FILTER (WHERE status = 'DONE'),
                       count(*) FILTER (WHERE status = 'EXITED') FROM journey_entry WHERE journey_id = ?""",
                rs -> new EntryCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3)), journeyId).orElseThrow();
    }

    static ArrayNode steps(List<JourneyStep> steps) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (JourneyStep s : steps) {
            ObjectNode o = a.addObject();
            o.put("after", s.after().toString());
            o.set("subject", Json.MAPPER.valueToTree(s.subject()));
            o.set("body", Json.MAPPER.valueToTree(s.body()));
            if (s.condition() != null) {
                o.set("condition", AudienceJson.write(s.condition()));
            }
        }
        return a;
    }

    private static Journey map(ResultSet rs) throws SQLException {
        BigDecimal value = rs.getBigDecimal(5);
        List<JourneyStep> steps = new ArrayList<>();
        for (JsonNode s : Json.read(rs.getString(8), JsonNode.class)) {
            steps.add(new JourneyStep(Duration.parse(s.get("after").asText()), text(s.get("subject")), text(s.get("body")),
                    s.has("condition") ? AudienceJson.read(s.get("condition"), "condition") : null));
        }
        return new Journey(rs.getLong(1), rs.getString(2), Json.read(rs.getString(3), LocalizedText.class),
                JourneyTrigger.valueOf(rs.getString(4)), value == null ? null : value.doubleValue(),
                Channel.valueOf(rs.getString(6)), Purpose.valueOf(rs.getString(7)), steps, rs.getBoolean(9),
                rs.getInt(10), rs.getInt(11), rs.getBoolean(12));
    }

    private static LocalizedText text(JsonNode n) {
        return Json.MAPPER.convertValue(n, LocalizedText.class);
    }
}
