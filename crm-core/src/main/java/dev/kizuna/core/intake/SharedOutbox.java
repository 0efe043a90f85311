package dev.kizuna.core.intake;

import dev.kizuna.core.crypto.FieldCipher;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.spi.HostEvent;
import dev.kizuna.core.spi.HostOutbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The host outbox in Kizuna's schema ({@code host_outbox}): the host appends its events in its own transaction, and
 * {@link #relay} hands committed rows to the inbox in Kizuna's transaction that deletes them. Rows are taken in id
 * order with {@code FOR UPDATE SKIP LOCKED}, so relays on several nodes never take the same row; a relay that dies
 * mid-way leaves its rows to the next one, and the inbox's key on the event id makes a delivery that did commit a
 * no-op the second time. An append notifies channel {@value #CHANNEL}, which PostgreSQL delivers only on the host's
 * commit: the relay's nudge.
 */
public final class SharedOutbox implements HostOutbox {
    public static final String CHANNEL = "kizuna_host_outbox";

    private final Database db;
    private final EventIntake intake;
    private final FieldCipher cipher;

    public SharedOutbox(Database db, EventIntake intake, FieldCipher cipher) {
        this.db = db;
        this.intake = intake;
        this.cipher = cipher;
    }

    @Override
    public void append(Connection connection, List<? extends HostEvent> events) {
        List<String> payloads = new ArrayList<>(events.size());
        for (HostEvent e : events) {
            payloads.add(EventIntake.validPayload(e));
        }
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + Database.SCHEMA
                + ".host_outbox (event_id, event_type, subject, payload) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < events.size(); i++) {
                HostEvent e = events.get(i);
                ps.setString(1, e.eventId());
                ps.setString(2, e.getClass().getSimpleName());
                ps.setString(3, e.provides().or(e::requires).orElse(null));
                ps.setString(4, cipher.encrypt(payloads.get(i), sealedFor(e.eventId())));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new Database.PersistenceFailure(e);
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_notify(?, '')")) {
            ps.setString(1, CHANNEL);
            ps.execute();
        } catch (SQLException e) {
            throw new Database.PersistenceFailure(e);
        }
    }

    @Override
    public <T> T inHostTransaction(Connection connection, Supplier<T> work) {
        return db.joining(connection, tx -> work.get());
    }

    private record Row(long id, HostEvent event) {
    }

    /**
     * Delivers up to {@code limit} committed outbox events to the inbox and deletes them, in one Kizuna transaction.
     * Returns how many were taken (0: the outbox is empty or another relay holds every row).
     */
    public int relay(int limit) {
        return take(tx -> tx.sql().list("""
                WITH taken AS (SELECT id FROM host_outbox ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
                DELETE FROM host_outbox o USING taken WHERE o.id = taken.id
                RETURNING o.id, o.event_id, o.event_type, o.payload""", this::row, limit));
    }

    @Override
    public void deliverNow(List<? extends HostEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        String[] ids = events.stream().map(HostEvent::eventId).toArray(String[]::new);
        // Waits (no SKIP LOCKED) for a relay that took some of them: once it commits they are gone, and applied.
        take(tx -> tx.sql().list("""
                DELETE FROM host_outbox WHERE id IN (
                  SELECT id FROM host_outbox WHERE event_id = ANY(?) ORDER BY id FOR UPDATE)
                RETURNING id, event_id, event_type, payload""", this::row, tx.sql().textArray(ids)));
    }

    private int take(Function<Tx, List<Row>> rows) {
        int[] taken = {0};
        intake.receiveTaken(tx -> {
            List<Row> taking = rows.apply(tx);
            taken[0] = taking.size();
            return taking.stream().sorted(Comparator.comparingLong(Row::id)).map(Row::event).toList();
        });
        return taken[0];
    }

    private Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), EventPayloads.readPlain(rs.getString(3),
                cipher.decrypt(rs.getString(4), sealedFor(rs.getString(2)))));
    }

    /** Relays until the outbox is empty (or only rows other relays hold are left); returns how many were delivered. */
    public int drain() {
        int total = 0;
        int round;
        do {
            round = relay(500);
            total += round;
        } while (round == 500);
        return total;
    }

    /** Whether the outbox holds an event that provides or requires this subject (committed, not yet relayed). */
    public static boolean holds(Tx tx, String subject) {
        return tx.sql().number("SELECT count(*) FROM host_outbox WHERE subject = ?", subject) > 0;
    }

    private static String sealedFor(String eventId) {
        return "host_outbox:" + eventId;
    }
}
