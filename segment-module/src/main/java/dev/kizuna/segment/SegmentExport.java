package dev.kizuna.segment;

import dev.kizuna.core.clock.ShopClock;
import dev.kizuna.core.persistence.Database;

import java.time.Instant;
import java.util.List;

/** A segment exported whole, as the CSV a merchant takes to a mailing tool or a spreadsheet. */
final class SegmentExport {
    private static final int CSV_BATCH = 5_000;

    private final Database db;
    private final ShopClock clock;
    private final Segments segments;
    private final SegmentMembers members;

    SegmentExport(Database db, ShopClock clock, Segments segments, SegmentMembers members) {
        this.db = db;
        this.clock = clock;
        this.segments = segments;
        this.members = members;
    }

    /** The whole segment as CSV (header row first), read in keyset batches. */
    String membersCsv(String key) {
        Instant now = clock.instant();
        return db.inTransaction(tx -> {
            Segments.Resolved r = segments.resolve(tx, key);
            SegmentCsv csv = new SegmentCsv();
            long after = 0;
            while (true) {
                List<Long> ids = segments.memberIds(tx, r.key(), now, after, 0, CSV_BATCH);
                members.rows(tx, ids).forEach(csv::add);
                if (ids.size() < CSV_BATCH) {
                    return csv.text();
                }
                after = ids.get(ids.size() - 1);
            }
        });
    }
}
