package dev.kizuna.segment.timeline;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.ports.ModulePorts;
import dev.kizuna.core.ports.Touchpoint;
import dev.kizuna.core.ports.TouchpointKind;
import dev.kizuna.core.ports.TouchpointSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A customer's touchpoints from every feature, newest first, paged by keyset: each {@link TouchpointSource} the
 * installed features contributed gives a SELECT of its newest touchpoints before the cursor, and the page is the newest
 * of them all, read in one statement (the member's id first, then that one: two round trips however many features are
 * installed). A page costs one index range per kind, limited to the page, however long the customer's history is.
 */
public final class Timeline {
    public static final int MAX_PAGE = 100;
    static final Instant NEWEST = Instant.parse("9999-12-31T00:00:00Z");
    static final String LAST_KEY = "\uffff";

    private final Database db;
    private final ModulePorts ports;

    public Timeline(Database db, ModulePorts ports) {
        this.db = db;
        this.ports = ports;
    }

    /** One page; {@code next} is the cursor of the page after it, null on the last. */
    public record Page(String customerRef, List<Touchpoint> touchpoints, String next) {
    }

    /**
     * @param kinds  the kinds to show; empty for all
     * @param cursor a page's {@code next}, or null for the newest
     */
    public Page page(String customerRef, Set<TouchpointKind> kinds, String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidInput("limit", "out-of-range", 1, MAX_PAGE);
        }
        Set<TouchpointKind> wanted = kinds.isEmpty() ? EnumSet.allOf(TouchpointKind.class) : EnumSet.copyOf(kinds);
        Instant at = NEWEST;
        String key = LAST_KEY;
        if (cursor != null) {
            String[] parts = decode(cursor);
            at = parseInstant(parts[0]);
            key = parts[1];
        }
        Instant from = at;
        String fromKey = key;
        return db.inTransaction(tx -> {
            long memberId = SupportNotes.memberId(tx, customerRef);
            List<TouchpointSource> sources = new ArrayList<>();
            TouchpointSource.Query statement = statement(memberId, wanted, from, fromKey, limit + 1, sources);
            if (sources.isEmpty()) {
                return new Page(customerRef, List.of(), null);
            }
            List<Touchpoint> all = tx.sql().list(statement.sql(),
                    rs -> sources.get(rs.getInt(1)).touchpoint(TouchpointSource.Row.of(rs.getString(2))),
                    statement.params().toArray());
            boolean more = all.size() > limit;
            List<Touchpoint> page = List.copyOf(all.subList(0, Math.min(limit, all.size())));
            String next = more ? encode(page.get(page.size() - 1)) : null;
            return new Page(customerRef, page, next);
        });
    }

    /**
     * Every asked source's SELECT in one statement, newest {@code limit} first: a page is one round trip whatever is
     * installed. Its rows are (the index of the source in {@code sources}, which it fills, and the row as JSON).
     */
    TouchpointSource.Query statement(long memberId, Set<TouchpointKind> wanted, Instant at, String key, int limit,
                                     List<TouchpointSource> sources) {
        List<String> arms = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (TouchpointSource source : ports.all(TouchpointSource.class)) {
            Set<TouchpointKind> asked = EnumSet.noneOf(TouchpointKind.class);
            asked.addAll(source.kinds());
            asked.retainAll(wanted);
            if (!asked.isEmpty()) {
                TouchpointSource.Query q = source.query(memberId, asked, at, key, limit);
                arms.add("(SELECT s.at, s.key, " + sources.size() + " AS source, to_jsonb(s)::text AS data FROM ("
                        + q.sql() + ") s)");
                params.addAll(q.params());
                sources.add(source);
            }
        }
        params.add(limit);
        return new TouchpointSource.Query("SELECT source, data FROM (" + String.join(" UNION ALL ", arms)
                + ") t ORDER BY at DESC, key DESC LIMIT ?", params);
    }

    /** {@code ?kind=ORDER_PLACED,points}: names of {@link TouchpointKind}, any case, {@code -} for {@code _}. */
    public static Set<TouchpointKind> kinds(String param) {
        Set<TouchpointKind> out = EnumSet.noneOf(TouchpointKind.class);
        if (param == null || param.isBlank()) {
            return out;
        }
        for (String name : param.split(",")) {
            try {
                out.add(TouchpointKind.valueOf(name.strip().replace('-', '_').toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("kind", "one-of", String.join(", ",
                        EnumSet.allOf(TouchpointKind.class).stream().map(Enum::name).toList()));
            }
        }
        return out;
    }

    static String encode(Touchpoint last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (last.at().toString() + "|" + last.key()).getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            if (bar < 1) {
                throw new InvalidInput("before", "timeline.cursor");
            }
            return new String[] {text.substring(0, bar), text.substring(bar + 1)};
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("before", "timeline.cursor");
        }
    }

    private static Instant parseInstant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new InvalidInput("before", "timeline.cursor");
        }
    }
}
