package dev.kizuna.messaging.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.console.FormErrors;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.json.Json;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.RankLadder;
import dev.kizuna.core.ports.SegmentDirectory;
import dev.kizuna.messaging.audience.Audience;
import dev.kizuna.messaging.audience.AudienceJson;
import dev.kizuna.messaging.audience.Audiences;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The audience builder as a form that works without script: up to {@code rows} criteria, each picked from one list
 * (a segment, a rank, a birthday month by name, or a criterion that takes values), with up to two values and a "not",
 * joined by "all of" or "any of"; an audience nested deeper is typed as JSON instead. Fields are named under a
 * prefix ({@code c0}, {@code c0.a}, {@code c0.b}, {@code c0.not}, {@code match}, {@code json}), so a journey's steps
 * each have a builder of their own ({@code s1.c0} …). Each criterion is compiled on its own, so a refusal shows beside
 * the row that caused it.
 */
public final class AudienceForm {
    /** Rows a broadcast's builder shows. */
    static final int ROWS = 6;
    /** Rows a journey step's condition shows. */
    static final int STEP_ROWS = 3;

    static final String SEGMENT = "segment:";
    static final String RANK = "rank:";
    static final String BIRTHDAY = "birthdayMonth:";
    static final String LTV = "ltvDecile";
    static final String P_ALIVE_BELOW = "pAliveBelow";
    static final String P_ALIVE_AT_LEAST = "pAliveAtLeast";
    static final String POINTS = "pointsBalance";
    static final String EXPIRING = "pointsExpiringWithinDays";
    static final String LAST_ORDER = "lastOrderOlderThanDays";
    static final String PROFILE = "profile";
    /** The criteria that take values, in the order the list shows them. */
    static final List<String> VALUED = List.of(LTV, P_ALIVE_BELOW, P_ALIVE_AT_LEAST, POINTS, EXPIRING, LAST_ORDER, PROFILE);

    private AudienceForm() {
    }

    /** One group of the criterion list: its label and its {@code [value, label]} options. */
    public record Group(String label, List<List<String>> options) {
    }

    /** What the builder picks from, for the page's model ({@code criterionGroups}). */
    static List<Group> choices(PageRequest r) {
        List<Group> groups = new ArrayList<>();
        List<List<String>> valued = new ArrayList<>();
        for (String v : VALUED) {
            valued.add(List.of(v, r.messages().text("messaging.criterion." + v)));
        }
        groups.add(new Group(r.messages().text("messaging.criteria.valued"), valued));
        r.ctx().database().execute(tx -> {
            List<List<String>> segments = segments(r, tx);
            if (!segments.isEmpty()) {
                groups.add(new Group(r.messages().text("messaging.criteria.segment"), segments));
            }
        });
        r.optionalPort(RankLadder.class).ifPresent(ladder -> {
            List<List<String>> ranks = ladder.ranks().stream()
                    .map(k -> List.of(RANK + k.code(), r.messages().text("messaging.criterion.rank", k.name(r.locale()))))
                    .toList();
            if (!ranks.isEmpty()) {
                groups.add(new Group(r.messages().text("messaging.criteria.rank"), ranks));
            }
        });
        List<List<String>> months = new ArrayList<>();
        for (Month m : Month.values()) {
            months.add(List.of(BIRTHDAY + m.getValue(), r.messages().text("messaging.criterion.birthdayMonth",
                    m.getDisplayName(TextStyle.FULL, r.locale()))));
        }
        groups.add(new Group(r.messages().text("messaging.criteria.birthday"), months));
        return groups;
    }

    private static List<List<String>> segments(PageRequest r, Tx tx) {
        return r.optionalPort(SegmentDirectory.class).map(d -> d.segments(tx).stream()
                .map(s -> List.of(SEGMENT + s.key(), s.name().get(r.locale()))).toList()).orElse(List.of());
    }

    /**
     * The audience the form describes, every refusal noted beside its row; {@code null} when there are errors, or
     * when no criterion is given and {@code emptyIsEveryone} is false (a journey step without a condition).
     */
    static Audience read(PageRequest r, FormErrors errors, String prefix, int rows, Audiences audiences, Instant now,
                         boolean emptyIsEveryone) {
        int before = errors.asMap().size();
        String json = r.param(prefix + "json").orElse(null);
        if (json != null) {
            Audience typed = null;
            try {
                JsonNode node = Json.INPUT.readTree(json);
                typed = AudienceJson.read(node, "audience");
                audiences.compile(typed, now, "audience");
            } catch (IOException e) {
                errors.add(prefix + "json", "messaging.audience-not-json");
            } catch (InvalidInput e) {
                // the typed JSON's own path (audience.and[1].rank) says where in it the refusal is
                errors.add(prefix + "json", e.detail(r.locale()));
            }
            return errors.asMap().size() > before ? null : typed;
        }
        List<Audience> parts = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            String row = prefix + "c" + i;
            String picked = r.param(row).orElse(null);
            if (picked == null) {
                continue;
            }
            Audience leaf = leaf(r, errors, row, picked);
            if (leaf == null) {
                continue;
            }
            try {
                audiences.compile(leaf, now, row);
            } catch (InvalidInput e) {
                errors.add(e, f -> row);
                continue;
            }
            parts.add(r.flag(row + ".not") ? new Audience.Not(leaf) : leaf);
        }
        if (errors.asMap().size() > before) {
            return null;
        }
        if (parts.isEmpty()) {
            return emptyIsEveryone ? new Audience.Everyone() : null;
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return "any".equals(r.param(prefix + "match").orElse("all")) ? new Audience.AnyOf(parts)
                : new Audience.AllOf(parts);
    }

    private static Audience leaf(PageRequest r, FormErrors errors, String row, String picked) {
        String a = row + ".a";
        String b = row + ".b";
        if (picked.startsWith(SEGMENT) && picked.length() > SEGMENT.length()) {
            return new Audience.Segment(picked.substring(SEGMENT.length()));
        }
        if (picked.startsWith(RANK)) {
            String code = picked.substring(RANK.length());
            // the rank feature's condition compares levels and would match no one for a code not on the ladder
            if (r.optionalPort(RankLadder.class).map(l -> l.ranks().stream().anyMatch(k -> k.code().equals(code)))
                    .orElse(false)) {
                return new Audience.RankAtLeast(code);
            }
        }
        if (picked.startsWith(BIRTHDAY)) {
            try {
                int month = Integer.parseInt(picked.substring(BIRTHDAY.length()));
                if (month >= 1 && month <= 12) {
                    return new Audience.BirthdayMonth(month);
                }
            } catch (NumberFormatException e) {
                // refused below, as any value the list does not offer
            }
        }
        switch (picked) {
            case LTV -> {
                Integer from = errors.intValue(r, a, true, 1, 10);
                Integer to = errors.intValue(r, b, false, 1, 10);
                if (from == null || errors.asMap().containsKey(b)) {
                    return null;
                }
                int upTo = to == null ? 10 : to;
                if (upTo < from) {
                    errors.add(b, "error.range", from, 10);
                    return null;
                }
                return new Audience.LtvDecile(from, upTo);
            }
            case P_ALIVE_BELOW, P_ALIVE_AT_LEAST -> {
                BigDecimal percent = percent(r, errors, a);
                return percent == null ? null : new Audience.PAlive(picked.equals(P_ALIVE_BELOW),
                        percent.divide(BigDecimal.valueOf(100), 4, RoundingMode.HALF_UP).doubleValue());
            }
            case POINTS -> {
                Long points = errors.longValue(r, a, true, 0, 100_000_000);
                return points == null ? null : new Audience.PointsAtLeast(points);
            }
            case EXPIRING -> {
                Integer days = errors.intValue(r, a, true, 1, 366);
                return days == null ? null : new Audience.PointsExpiringWithin(days);
            }
            case LAST_ORDER -> {
                Integer days = errors.intValue(r, a, true, 1, 3660);
                return days == null ? null : new Audience.LastOrderOlderThan(days);
            }
            case PROFILE -> {
                String question = errors.text(r, a, true, 100);
                String answer = errors.text(r, b, true, 100);
                return question == null || answer == null ? null : new Audience.ProfileAnswer(question, answer);
            }
            default -> {
                errors.add(row, "messaging.unknown-choice");
                return null;
            }
        }
    }

    /** A percentage 0 … 100, decimals allowed (P(alive) below 12.5 %). */
    private static BigDecimal percent(PageRequest r, FormErrors errors, String field) {
        String v = r.param(field).orElse(null);
        if (v == null) {
            errors.add(field, "error.required");
            return null;
        }
        try {
            BigDecimal p = new BigDecimal(v.replace(',', '.').replace("%", "").strip());
            if (p.signum() < 0 || p.compareTo(BigDecimal.valueOf(100)) > 0) {
                errors.add(field, "error.range", 0, 100);
                return null;
            }
            return p;
        } catch (NumberFormatException e) {
            errors.add(field, "messaging.not-a-number");
            return null;
        }
    }

    /**
     * The form's values for a stored audience: one row per criterion when it is a flat "all of" / "any of" (or a
     * single criterion) that fits the rows, else the JSON.
     */
    static Map<String, String> values(Audience audience, String prefix, int rows) {
        Map<String, String> v = new HashMap<>();
        if (audience == null || audience instanceof Audience.Everyone) {
            return v;
        }
        List<Audience> parts;
        String match = "all";
        if (audience instanceof Audience.AllOf all) {
            parts = all.parts();
        } else if (audience instanceof Audience.AnyOf any) {
            parts = any.parts();
            match = "any";
        } else {
            parts = List.of(audience);
        }
        Map<String, String> rowValues = new HashMap<>();
        boolean flat = parts.size() <= rows;
        for (int i = 0; flat && i < parts.size(); i++) {
            Audience p = parts.get(i);
            String row = prefix + "c" + i;
            if (p instanceof Audience.Not not) {
                rowValues.put(row + ".not", "on");
                p = not.part();
            }
            flat = row(p, row, rowValues);
        }
        if (flat) {
            v.putAll(rowValues);
            v.put(prefix + "match", match);
        } else {
            v.put(prefix + "json", AudienceJson.write(audience).toPrettyString());
        }
        return v;
    }

    private static boolean row(Audience p, String row, Map<String, String> v) {
        if (p instanceof Audience.Segment s) {
            v.put(row, SEGMENT + s.key());
        } else if (p instanceof Audience.RankAtLeast k) {
            v.put(row, RANK + k.code());
        } else if (p instanceof Audience.BirthdayMonth m) {
            v.put(row, BIRTHDAY + m.month());
        } else if (p instanceof Audience.LtvDecile d) {
            v.put(row, LTV);
            v.put(row + ".a", String.valueOf(d.from()));
            v.put(row + ".b", String.valueOf(d.to()));
        } else if (p instanceof Audience.PAlive a) {
            v.put(row, a.below() ? P_ALIVE_BELOW : P_ALIVE_AT_LEAST);
            v.put(row + ".a", BigDecimal.valueOf(a.p()).movePointRight(2).stripTrailingZeros().toPlainString());
        } else if (p instanceof Audience.PointsAtLeast n) {
            v.put(row, POINTS);
            v.put(row + ".a", String.valueOf(n.points()));
        } else if (p instanceof Audience.PointsExpiringWithin e) {
            v.put(row, EXPIRING);
            v.put(row + ".a", String.valueOf(e.days()));
        } else if (p instanceof Audience.LastOrderOlderThan l) {
            v.put(row, LAST_ORDER);
            v.put(row + ".a", String.valueOf(l.days()));
        } else if (p instanceof Audience.ProfileAnswer q) {
            v.put(row, PROFILE);
            v.put(row + ".a", q.question());
            v.put(row + ".b", q.answer());
        } else {
            return false; // a nested group: shown as JSON
        }
        return true;
    }
}
