package dev.kizuna.messaging.audience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kizuna.core.errors.InvalidInput;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Reads an audience from its JSON (refusing what it cannot be, naming the field) and writes it back. */
public final class AudienceJson {
    static final int MAX_DEPTH = 8;
    static final int MAX_PARTS = 50;

    private AudienceJson() {
    }

    public static Audience read(JsonNode node, String field) {
        return read(node, field, 0);
    }

    private static Audience read(JsonNode node, String field, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidInput(field, "messaging.audience.too-deep", MAX_DEPTH);
        }
        if (node == null || !node.isObject() || node.size() != 1) {
            throw new InvalidInput(field, "messaging.audience.one-criterion");
        }
        Map.Entry<String, JsonNode> e = node.fields().next();
        String key = e.getKey();
        JsonNode v = e.getValue();
        String at = field + "." + key;
        return switch (key) {
            case "all" -> {
                if (!v.isBoolean() || !v.booleanValue()) {
                    throw new InvalidInput(at, "messaging.audience.all-true");
                }
                yield new Audience.Everyone();
            }
            case "and" -> new Audience.AllOf(parts(v, at, depth));
            case "or" -> new Audience.AnyOf(parts(v, at, depth));
            case "not" -> new Audience.Not(read(v, at, depth + 1));
            case "segment" -> new Audience.Segment(text(v, at));
            case "ltvDecile" -> {
                int from = integer(v.get("from"), at + ".from", 1, 10);
                int to = integer(v.get("to"), at + ".to", 1, 10);
                if (from > to) {
                    throw new InvalidInput(at + ".to", "out-of-range", from, 10);
                }
                yield new Audience.LtvDecile(from, to);
            }
            case "pAlive" -> {
                boolean below = v.has("below");
                JsonNode p = below ? v.get("below") : v.get("atLeast");
                if (p == null || !p.isNumber() || p.doubleValue() < 0 || p.doubleValue() > 1) {
                    throw new InvalidInput(at + (below ? ".below" : ".atLeast"), "out-of-range", 0, 1);
                }
                yield new Audience.PAlive(below, p.doubleValue());
            }
            case "rank" -> new Audience.RankAtLeast(text(v.get("atLeast"), at + ".atLeast"));
            case "profile" -> new Audience.ProfileAnswer(text(v.get("question"), at + ".question"),
                    text(v.get("answer"), at + ".answer"));
            case "birthdayMonth" -> new Audience.BirthdayMonth(integer(v, at, 1, 12));
            case "pointsBalance" -> new Audience.PointsAtLeast(integer(v.get("atLeast"), at + ".atLeast", 0, 100_000_000));
            case "pointsExpiringWithinDays" -> new Audience.PointsExpiringWithin(integer(v, at, 1, 366));
            case "lastOrderOlderThanDays" -> new Audience.LastOrderOlderThan(integer(v, at, 1, 3660));
            default -> throw new InvalidInput(field, "messaging.audience.unknown", key);
        };
    }

    private static List<Audience> parts(JsonNode v, String at, int depth) {
        if (!v.isArray() || v.isEmpty()) {
            throw new InvalidInput(at, "messaging.audience.parts");
        }
        if (v.size() > MAX_PARTS) {
            throw new InvalidInput(at, "messaging.audience.too-many", MAX_PARTS);
        }
        List<Audience> parts = new ArrayList<>();
        Iterator<JsonNode> it = v.elements();
        for (int i = 0; it.hasNext(); i++) {
            parts.add(read(it.next(), at + "[" + i + "]", depth + 1));
        }
        return parts;
    }

    private static String text(JsonNode v, String at) {
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new InvalidInput(at, "required");
        }
        if (v.asText().length() > 100) {
            throw new InvalidInput(at, "too-long", 100);
        }
        return v.asText().trim();
    }

    private static int integer(JsonNode v, String at, int min, int max) {
        if (v == null || v.isNull()) {
            throw new InvalidInput(at, "required");
        }
        if (!v.isIntegralNumber()) {
            throw new InvalidInput(at, "whole-number");
        }
        if (v.longValue() < min || v.longValue() > max) {
            throw new InvalidInput(at, "out-of-range", min, max);
        }
        return v.intValue();
    }

    public static JsonNode write(Audience a) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        if (a instanceof Audience.Everyone) {
            o.put("all", true);
        } else if (a instanceof Audience.AllOf and) {
            and.parts().forEach(p -> o.withArray("and").add(write(p)));
        } else if (a instanceof Audience.AnyOf or) {
            or.parts().forEach(p -> o.withArray("or").add(write(p)));
        } else if (a instanceof Audience.Not not) {
            o.set("not", write(not.part()));
        } else if (a instanceof Audience.Segment s) {
            o.put("segment", s.key());
        } else if (a instanceof Audience.LtvDecile d) {
            o.putObject("ltvDecile").put("from", d.from()).put("to", d.to());
        } else if (a instanceof Audience.PAlive p) {
            o.putObject("pAlive").put(p.below() ? "below" : "atLeast", p.p());
        } else if (a instanceof Audience.RankAtLeast r) {
            o.putObject("rank").put("atLeast", r.code());
        } else if (a instanceof Audience.ProfileAnswer p) {
            o.putObject("profile").put("question", p.question()).put("answer", p.answer());
        } else if (a instanceof Audience.BirthdayMonth b) {
            o.put("birthdayMonth", b.month());
        } else if (a instanceof Audience.PointsAtLeast p) {
            o.putObject("pointsBalance").put("atLeast", p.points());
        } else if (a instanceof Audience.PointsExpiringWithin p) {
            o.put("pointsExpiringWithinDays", p.days());
        } else if (a instanceof Audience.LastOrderOlderThan l) {
            o.put("lastOrderOlderThanDays", l.days());
        }
        return o;
    }
}
