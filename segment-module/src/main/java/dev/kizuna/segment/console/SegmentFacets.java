package dev.kizuna.segment.console;

import dev.kizuna.core.console.CustomerFacet;
import dev.kizuna.core.console.Formats;
import dev.kizuna.core.console.Messages;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.catalog.Catalog;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.ports.SegmentDirectory;
import dev.kizuna.segment.SegmentKey;
import dev.kizuna.segment.SegmentQueries;
import dev.kizuna.segment.Segments;
import dev.kizuna.segment.behaviour.BehaviourSegment;
import dev.kizuna.segment.prediction.LtvSegment;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Segments in the customers list: the member's RFM segment by name; a filter by any listed segment (the RFM
 * segments over {@code rfm_score (segment_key, member_id)}, the behavioural ones read live from the behaviour events
 * and orders, and the likely lapsed repeat customers), each the condition the segment directory gives audiences; and
 * a filter by the current LTV model's decile ({@code ltv_score (model_id, decile, member_id)}).
 */
final class SegmentFacets {
    private static final String CURRENT_MODEL = "(SELECT max(id) FROM ltv_model WHERE scored_at IS NOT NULL)";

    private SegmentFacets() {
    }

    static List<CustomerFacet> of(SegmentQueries segments, Segments directory, Catalog catalog, Database db,
                                  Clock clock) {
        return List.of(new Rfm(segments), new Listed(segments, directory, catalog, db, clock), new LtvDecile());
    }

    record Rfm(SegmentQueries segments) implements CustomerFacet {
        @Override
        public String key() {
            return "rfm-segment";
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
    }

    /**
     * The segment filter (no column): the RFM segments by the merchant's names, then the behavioural segments and
     * the likely lapsed by the console's texts (a category by the shop's name for it), the LTV deciles being a
     * filter of their own. A value is a segment key as the directory lists it, so the filter offers exactly the
     * segments a campaign can target.
     */
    record Listed(SegmentQueries segments, Segments directory, Catalog catalog, Database db, Clock clock)
            implements CustomerFacet {
        @Override
        public String key() {
            return "segment";
        }

        @Override
        public int order() {
            return 65;
        }

        @Override
        public String labelKey() {
            return "customers.segment-filter";
        }

        @Override
        public boolean column() {
            return false;
        }

        @Override
        public Map<Long, String> shown(Tx tx, List<Long> memberIds, Messages messages, Formats formats) {
            return Map.of();
        }

        /** The listed keys with their labels in the reader's language; LTV deciles left to their own filter. */
        private Map<String, String> listed(Tx tx, Messages messages) {
            Map<String, String> rfmNames = new HashMap<>();
            segments.rfmDefinitions().forEach(d -> rfmNames.put(SegmentKey.RFM + d.key(), d.name().get(messages.locale())));
            Map<String, String> out = new LinkedHashMap<>();
            for (SegmentDirectory.Segment s : directory.segments(tx)) {
                Optional<SegmentKey> key = SegmentKey.parse(s.key(), directory.behaviourDays());
                if (key.isEmpty()) {
                    continue;
                }
                String label = null;
                if (key.get() instanceof SegmentKey.Rfm) {
                    label = rfmNames.get(s.key());
                } else if (key.get() instanceof SegmentKey.Behaviour b) {
                    label = behaviourLabel(b.segment(), messages);
                } else if (key.get() instanceof SegmentKey.Ltv l && l.segment().kind() == LtvSegment.Kind.LIKELY_LAPSED) {
                    label = messages.text("customers.segment.likely-lapsed");
                }
                if (label != null) {
                    out.put(s.key(), label);
                }
            }
            return out;
        }

        private String behaviourLabel(BehaviourSegment b, Messages messages) {
            return switch (b.kind()) {
                case CART_ABANDONERS -> messages.text("customers.segment.cart-abandoners", b.days());
                case NO_RESULT_SEARCHERS -> messages.text("customers.segment.no-result-searchers", b.days());
                case FIRST_ORDER_ONLY -> messages.text("customers.segment.first-order-only");
                case VIEWED_NOT_BOUGHT -> messages.text("customers.segment.viewed-not-bought",
                        catalog.categoryName(b.category(), messages.locale()), b.days());
            };
        }

        @Override
        public Optional<Filter> filter() {
            return Optional.of(new Filter() {
                @Override
                public List<Choice> choices(Tx tx, Messages messages) {
                    return listed(tx, messages).entrySet().stream().map(e -> new Choice(e.getKey(), e.getValue())).toList();
                }

                @Override
                public Optional<Condition> condition(String value) {
                    if (!db.inTransaction(tx -> listed(tx, Messages.of(Messages.JA))).containsKey(value)) {
                        return Optional.empty();
                    }
                    return directory.inSegment(value, clock.instant()).map(c -> new Condition(c.sql(), c.args()));
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
