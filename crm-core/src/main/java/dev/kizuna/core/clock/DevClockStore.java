package dev.kizuna.core.clock;

import dev.kizuna.core.persistence.Database;

import java.time.Duration;
import java.util.Optional;

/** The dev clock's offset in {@code dev_clock}: one row every node reads, kept across restarts. */
final class DevClockStore {
    private final Database db;

    DevClockStore(Database db) {
        this.db = db;
    }

    Optional<Duration> offset() {
        return db.inTransaction(tx -> tx.sql().one("SELECT offset_ms FROM dev_clock WHERE id = 1",
                rs -> Duration.ofMillis(rs.getLong(1))));
    }

    void save(Duration offset) {
        db.inTransaction(tx -> tx.sql().update("""
                INSERT INTO dev_clock (id, offset_ms) VALUES (1, ?)
                ON CONFLICT (id) DO UPDATE SET offset_ms = excluded.offset_ms, set_at = now()""", offset.toMillis()));
    }
}
