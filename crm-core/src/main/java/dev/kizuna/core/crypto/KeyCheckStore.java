package dev.kizuna.core.crypto;

import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;

import java.time.Instant;
import java.util.List;

/** The installation's key-check values and the keys each node started with ({@code key_check}, {@code node_keys}). */
final class KeyCheckStore {
    /** A node counts as running while its scheduler checked in to the Quartz cluster within this many milliseconds. */
    private static final long LIVE_MILLIS = 30_000;

    record Recorded(InstallationKeys.Kind kind, String keyId, byte[] checkValue, Instant currentSince, boolean retired) {
    }

    private KeyCheckStore() {
    }

    /** Every recorded key, under a lock that makes nodes starting at once check and record one after the other. */
    static List<Recorded> lockAndRead(Tx tx) {
        tx.sql().one("SELECT pg_advisory_xact_lock(hashtext('kizuna.key_check'))", rs -> 1);
        return tx.sql().list("SELECT kind, key_id, check_value, current_since, retired_at FROM key_check",
                rs -> new Recorded(InstallationKeys.Kind.valueOf(rs.getString(1)), rs.getString(2), rs.getBytes(3),
                        Sql.instant(rs, "current_since"), rs.getTimestamp(5) != null));
    }

    static void record(Tx tx, InstallationKeys.Kind kind, String keyId, byte[] checkValue) {
        tx.sql().update("INSERT INTO key_check (kind, key_id, check_value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                kind.name(), keyId, checkValue);
    }

    /** The key new writes are sealed with from now on (no longer retired, should a rotation have retired it). */
    static void makeCurrent(Tx tx, String keyId) {
        tx.sql().update("""
                UPDATE key_check SET current_since = coalesce(current_since, now()), retired_at = NULL
                WHERE kind = 'ENCRYPTION' AND key_id = ?""", keyId);
    }

    static void registerNode(Tx tx, String nodeId, List<String> keyIds, String current) {
        tx.sql().update("""
                INSERT INTO node_keys (node_id, encryption_keys, current_key) VALUES (?, ?, ?)
                ON CONFLICT (node_id) DO UPDATE SET encryption_keys = excluded.encryption_keys,
                    current_key = excluded.current_key, started_at = now()""",
                nodeId, tx.sql().textArray(keyIds.toArray(String[]::new)), current);
    }

    /** Running nodes (other than this one) that did not start with the encryption key, or whose keys are unknown. */
    static List<String> runningNodesLacking(Tx tx, String keyId, String thisNode) {
        return tx.sql().list("""
                SELECT s.instance_name FROM qrtz_scheduler_state s
                LEFT JOIN node_keys n ON n.node_id = s.instance_name
                WHERE s.instance_name <> ?
                  AND s.last_checkin_time > (extract(epoch FROM clock_timestamp()) * 1000)::bigint - ?
                  AND (n.node_id IS NULL OR NOT (? = ANY (n.encryption_keys)))
                ORDER BY 1""", rs -> rs.getString(1), thisNode, LIVE_MILLIS, keyId);
    }

    /**
     * After a finished rotation run: every encryption key that is neither the installation's current one nor
     * current on a running node holds nothing any more and may be removed from the configuration.
     */
    static int retireAllBut(Tx tx, String currentKeyId) {
        return tx.sql().update("""
                UPDATE key_check SET retired_at = now()
                WHERE kind = 'ENCRYPTION' AND retired_at IS NULL AND key_id <> ?
                  AND key_id NOT IN (
                      SELECT n.current_key FROM node_keys n JOIN qrtz_scheduler_state s ON s.instance_name = n.node_id
                      WHERE s.last_checkin_time > (extract(epoch FROM clock_timestamp()) * 1000)::bigint - ?)""",
                currentKeyId, LIVE_MILLIS);
    }
}
