package dev.kizuna.core.crypto;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.scheduling.JobContext;
import dev.kizuna.core.scheduling.KeysetBatchJob;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code pii-key-rotation}: after a new encryption key became current (or a new index key was configured), seals
 * every member's personal data again under the current keys, a keyset batch of members at a time, each batch with
 * everything of those members in every {@link SealedData} place (and, in the first batch, the rows of no member).
 * Values already under the current keys are skipped, so a rerun changes nothing and an interrupted run resumes
 * where it stopped. Once a run has finished, the old key can be removed from the configuration.
 */
public final class KeyRotationJob extends KeysetBatchJob {
    private final SealedData sealed;
    private final Map<String, Long> changedByPlace = new TreeMap<>();

    private final String currentKeyId;

    public KeyRotationJob(SealedData sealed, String currentKeyId) {
        this.sealed = sealed;
        this.currentKeyId = currentKeyId;
    }

    @Override
    public String name() {
        return "pii-key-rotation";
    }

    @Override
    public String description() {
        return "Re-encrypts personal data with the current key and recomputes blind indexes with the current index key";
    }

    @Override
    public String defaultSchedule() {
        // Monthly as a safety net; after a key change the operator runs it at once.
        return "0 30 4 1 * ?";
    }

    @Override
    protected int batchSize() {
        return 500;
    }

    @Override
    protected long total(Tx tx, Instant asOf) {
        return tx.sql().number("SELECT count(*) + 1 FROM member");
    }

    @Override
    protected List<Long> nextKeys(Tx tx, long after, int limit, Instant asOf) {
        return tx.sql().list("""
                SELECT k FROM (SELECT ?::bigint AS k UNION ALL (SELECT id FROM member WHERE id > ? ORDER BY id LIMIT ?)) s
                WHERE k > ? ORDER BY k LIMIT ?""", rs -> rs.getLong(1),
                SealedData.NO_MEMBER, after, limit, after, limit);
    }

    @Override
    protected long process(Tx tx, List<Long> keys, Instant asOf) {
        long changed = 0;
        for (SealedData.Place place : sealed.places()) {
            long n = place.reseal().reseal(tx, keys);
            synchronized (changedByPlace) {
                changedByPlace.merge(place.name(), n, Long::sum);
            }
            changed += n;
        }
        return changed;
    }

    /** Everything is sealed with the current key now: older keys nothing uses may leave the configuration. */
    @Override
    protected void finished(JobContext ctx) {
        InstallationKeys.retireOldKeys(ctx.database(), currentKeyId);
    }

    @Override
    protected String outcome(long visited, long changed) {
        String places;
        synchronized (changedByPlace) {
            places = changedByPlace.toString();
            changedByPlace.clear();
        }
        return "visited " + visited + " members, resealed " + changed + " rows " + places;
    }
}
