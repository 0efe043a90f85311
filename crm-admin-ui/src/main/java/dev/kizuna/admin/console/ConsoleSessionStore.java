package dev.kizuna.admin.console;

import dev.kizuna.core.console.Flash;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.web.AdminSession;
import dev.kizuna.core.web.Role;

import java.time.Instant;
import java.util.Optional;

/** Console sessions in {@code console_session}, keyed by the SHA-256 of the id the signed cookie carries. */
final class ConsoleSessionStore {
    record Row(AdminSession admin, boolean viaHost, String locale, Flash flash, Instant signedInAt, Instant lastSeenAt) {
    }

    private final Database db;

    ConsoleSessionStore(Database db) {
        this.db = db;
    }

    Optional<Row> find(byte[] idHash) {
        return db.inTransaction(tx -> tx.sql().one("""
                SELECT username, role, csrf_token, via_host, locale, flash_kind, flash_text, signed_in_at, last_seen_at
                FROM console_session WHERE id_hash = ?""", rs -> new Row(
                new AdminSession(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getString(3)), rs.getBoolean(4),
                rs.getString(5), rs.getString(6) == null ? null : new Flash(rs.getString(6), rs.getString(7)),
                Sql.instant(rs, "signed_in_at"), Sql.instant(rs, "last_seen_at")), (Object) idHash));
    }

    /** A new session; sessions past their lifetimes go at the same time, so abandoned ones do not pile up. */
    void create(byte[] idHash, AdminSession admin, boolean viaHost, String locale, Instant now, Instant idleBefore,
                Instant signedInBefore) {
        db.inTransaction(tx -> {
            tx.sql().update("DELETE FROM console_session WHERE last_seen_at < ? OR signed_in_at < ?",
                    idleBefore, signedInBefore);
            return tx.sql().update("""
                    INSERT INTO console_session (id_hash, username, role, csrf_token, via_host, locale, signed_in_at, last_seen_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", idHash, admin.username(), admin.role().name(), admin.csrfToken(),
                    viaHost, locale, now, now);
        });
    }

    void seen(byte[] idHash, Instant now) {
        db.inTransaction(tx -> tx.sql().update("UPDATE console_session SET last_seen_at = ? WHERE id_hash = ?",
                now, idHash));
    }

    void locale(byte[] idHash, String locale) {
        db.inTransaction(tx -> tx.sql().update("UPDATE console_session SET locale = ? WHERE id_hash = ?", locale, idHash));
    }

    /** Keeps a notice for the next page; false when the session is gone (signed out). */
    boolean keepFlash(byte[] idHash, Flash flash) {
        return db.inTransaction(tx -> tx.sql().update(
                "UPDATE console_session SET flash_kind = ?, flash_text = ? WHERE id_hash = ?",
                flash.kind(), flash.text(), idHash)) > 0;
    }

    void dropFlash(byte[] idHash) {
        db.inTransaction(tx -> tx.sql().update(
                "UPDATE console_session SET flash_kind = NULL, flash_text = NULL WHERE id_hash = ?", idHash));
    }

    void delete(byte[] idHash) {
        db.inTransaction(tx -> tx.sql().update("DELETE FROM console_session WHERE id_hash = ?", idHash));
    }
}
