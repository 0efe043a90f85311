package dev.kizuna.segment.console;

import dev.kizuna.core.console.CustomerFacet;
import dev.kizuna.core.console.Formats;
import dev.kizuna.core.console.Messages;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.segment.SegmentQueries;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Segments in the customers list: the member's RFM segment by name (a filter over {@code rfm_score (segment_key,
 * member_id)}) and a filter by the current LTV model's decile ({@code ltv_score (model_id, decile, member_id)}).
 */
final class SegmentFacets {
    private static final String CURRENT_MODEL = "(SELECT max(id) FROM ltv_model WHERE scored_at IS NOT NULL)";

    private SegmentFacets() {
    }

    static List<CustomerFacet> of(SegmentQueries segments) {
        return List.of(new Rfm(segments), new LtvDecile());
    }

    record Rfm(SegmentQueries segments) implements CustomerFacet {
        @Override
        public String key() {
            return "segment";
        }

        @Override
        public int order() {
            return 60;
        }

        @Override
        public String labelKey() {
            return "customers.segment";
        }

        private Map<String, String> names(Messages messages) {
            Map<String, String> out = new java.util.LinkedHashMap<>();
            segments.rfmDefinitions().forEach(d -> out.put(d.key(), d.name().get(messages.locale())));
            return out;
        }

        @Override
        public Map<Long, String> shown(Tx tx, List<Long> memberIds, Messages messages, Formats formats) {
            Map<String, String> names = names(messages);
            Map<Long, String> out = new HashMap<>();
            tx.sql().list("SELECT member_id, segment_key FROM rfm_score WHERE member_id = ANY(?)",
                    rs -> out.put(rs.getLong(1), names.getOrDefault(rs.getString(2), "")),
                    tx.sql().longArray(memberIds.toArray(Long[]::new)));
            return out;
        }

        @Override
        public Optional<Filter> filter() {
            return Optional.of(new Filter() {
                @Override
                public List<Choice> choices(Tx tx, Messages messages) {
                    return names(messages).entrySet().stream().map(e -> new Choice(e.getKey(), e.getValue())).toList();
                }

                @Override
                public Optional<Condition> condition(String value) {
                    return names(Messages.of(Messages.JA)).containsKey(value)
                            ? Optional.of(Condition.of("EXISTS (SELECT 1 FROM rfm_score s WHERE s.member_id = m.id"
                            + " AND s.segment_key = ?)", value))
                            : Optional.empty();
                }
            });
        }
    }

    record LtvDecile() implements CustomerFacet {
        @Override
        public String key() {
            return "ltv-decile";
        }

        @Override
        public int order() {
            return 70;
        }

        @Override
        public String labelKey() {
            return "customers.ltv-decile";
        }

        @Override
        public Map<Long, String> shown(Tx tx, List<Long> memberIds, Messages messages, Formats formats) {
            Map<Long, String> out = new HashMap<>();
            tx.sql().list("SELECT member_id, decile FROM ltv_score WHERE model_id = " + CURRENT_MODEL
                            + " AND member_id = ANY(?)",
                    rs -> out.put(rs.getLong(1), messages.text("customers.decile-n", rs.getInt(2))),
                    tx.sql().longArray(memberIds.toArray(Long[]::new)));
            return out;
        }

        @Override
        public Optional<Filter> filter() {
            return Optional.of(new Filter() {
                @Override
                public List<Choice> choices(Tx tx, Messages messages) {
                    return IntStream.rangeClosed(1, 10)
                            .mapToObj(d -> new Choice(Integer.toString(d), messages.text("customers.decile-n", d))).toList();
                }

                @Override
                public Optional<Condition> condition(String value) {
                    if (!value.matches("[1-9]|10")) {
                        return Optional.empty();
                    }
                    return Optional.of(Condition.of("EXISTS (SELECT 1 FROM ltv_score l WHERE l.model_id = " + CURRENT_MODEL
                            + " AND l.decile = ? AND l.member_id = m.id)", Integer.valueOf(value)));
                }
            });
        }
    }
}
