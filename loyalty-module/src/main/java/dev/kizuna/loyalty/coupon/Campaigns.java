package dev.kizuna.loyalty.coupon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.audit.AuditLog;
import dev.kizuna.core.crypto.CouponCodes;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the merchant does with campaigns through the admin API and console: create, change (a new version each
 * time), change status, generate and export codes, read statistics; and what a shopper sees of their own coupons.
 * Every change is audit-logged in its own transaction.
 */
public final class Campaigns {
    static final int MAX_CODES_PER_REQUEST = 1_000_000;

    private final Database db;
    private final CampaignStore store;
    private final CodeBatches codes;
    private final AuditLog audit;
    private final Clock clock;

    public Campaigns(Database db, CampaignStore store, CodeBatches codes, AuditLog audit, Clock clock) {
        this.db = db;
        this.store = store;
        this.codes = codes;
        this.audit = audit;
        this.clock = clock;
    }

    public Map<String, Object> create(JsonNode body, String actor) {
        CampaignTerms terms = parse(body);
        String code = publicCode(body);
        JsonNode s = body.get("status");
        String status = CampaignStatus.initial(s == null || s.isNull() ? CampaignStatus.LIVE
                : CampaignStatus.parse(s.asText(), "status"));
        return db.inTransaction(tx -> {
            Instant now = clock.instant();
            codeFree(tx, code, null);
            long id = store.insert(tx, "STANDARD", code, status, terms, actor, now);
            Map<String, Object> view = view(tx, store.find(tx, id).orElseThrow(), now, false);
            audit.record(tx, actor, "campaign.create", "campaign:" + id, null, view);
            return view;
        });
    }

    /** New terms for a campaign: written as a new version; orders already quoted keep theirs. */
    public Map<String, Object> update(long id, JsonNode body, String actor) {
        CampaignTerms terms = parse(body);
        String code = publicCode(body);
        return db.inTransaction(tx -> {
            Instant now = clock.instant();
            CampaignStore.CampaignRow row = store.lock(tx, id).orElseThrow(() -> new NotFound("no campaign " + id));
            if (row.kind().equals("BIRTHDAY") && code != null) {
                throw new InvalidInput("code", "coupon.birthday-shared-code");
            }
            if (row.status().equals(CampaignStatus.STORED_ENDED)) {
                throw new Conflict("CAMPAIGN_ENDED", "an ended campaign cannot change");
            }
            Map<String, Object> before = view(tx, row, now, false);
            codeFree(tx, code, id);
            if (!java.util.Objects.equals(code, row.publicCode())) {
                store.setPublicCode(tx, id, code, now);
            }
            store.addVersion(tx, id, terms, actor, now);
            Map<String, Object> after = view(tx, store.find(tx, id).orElseThrow(), now, false);
            audit.record(tx, actor, "campaign.update", "campaign:" + id, before, after);
            return after;
        });
    }

    public Map<String, Object> changeStatus(long id, JsonNode body, String actor) {
        if (body == null || !body.isObject() || body.get("status") == null) {
            throw new InvalidInput("status", "required");
        }
        CampaignStatus requested = CampaignStatus.parse(body.get("status").asText(), "status");
        return db.inTransaction(tx -> {
            Instant now = clock.instant();
            CampaignStore.CampaignRow row = store.lock(tx, id).orElseThrow(() -> new NotFound("no campaign " + id));
            String next = CampaignStatus.transition(row.status(), requested);
            CampaignStatus before = CampaignStatus.shown(row.status(), store.terms(tx, id, row.currentVersion()), now);
            store.setStatus(tx, id, next, now);
            Map<String, Object> view = view(tx, store.find(tx, id).orElseThrow(), now, false);
            audit.record(tx, actor, "campaign.status", "campaign:" + id, Map.of("status", before.name()),
                    Map.of("status", view.get("status")));
            return view;
        });
    }

    public List<Map<String, Object>> list() {
        return db.inTransaction(tx -> {
            Instant now = clock.instant();
            List<Map<String, Object>> out = new ArrayList<>();
            for (CampaignStore.CampaignRow row : store.all(tx)) {
                out.add(view(tx, row, now, false));
            }
            return out;
        });
    }

    public Map<String, Object> get(long id) {
        return db.inTransaction(tx -> view(tx, store.find(tx, id).orElseThrow(() -> new NotFound("no campaign " + id)),
                clock.instant(), true));
    }

    /** Coupon uses committed in one calendar month (shop time zone), and the discount they gave. */
    public record MonthRedemptions(java.time.YearMonth month, long redemptions, long discount) {
    }

    /**
     * Committed coupon uses per month over the last {@code months} months, oldest first, ending with the current one;
     * months without a use show 0. Uses later given back (a cancelled order) are not counted.
     */
    public List<MonthRedemptions> redemptionsByMonth(int months, java.time.ZoneId zone) {
        if (months < 1 || months > 120) {
            throw new InvalidInput("months", "out-of-range", 1, 120);
        }
        java.time.YearMonth current = java.time.YearMonth.from(clock.instant().atZone(zone));
        java.time.YearMonth first = current.minusMonths(months - 1L);
        Instant from = first.atDay(1).atStartOfDay(zone).toInstant();
        Map<java.time.YearMonth, MonthRedemptions> found = new java.util.HashMap<>();
        db.inTransaction(tx -> tx.sql().list("""
                SELECT to_char(committed_at AT TIME ZONE ?, 'YYYY-MM'), count(*), coalesce(sum(discount), 0)
                FROM coupon_redemption WHERE status = 'COMMITTED' AND committed_at >= ? GROUP BY 1""", rs -> {
            MonthRedemptions m = new MonthRedemptions(java.time.YearMonth.parse(rs.getString(1)), rs.getLong(2), rs.getLong(3));
            found.put(m.month(), m);
            return m;
        }, zone.getId(), from));
        List<MonthRedemptions> out = new ArrayList<>(months);
        for (java.time.YearMonth m = first; !m.isAfter(current); m = m.plusMonths(1)) {
            out.add(found.getOrDefault(m, new MonthRedemptions(m, 0, 0)));
        }
        return out;
    }

    /** {@code {"count":N}} unassigned codes, or {@code {"assignTo":[customer ids]}} one code each. */
    public Map<String, Object> generateCodes(long id, JsonNode body, String actor) {
        if (body == null || !body.isObject()) {
            throw new InvalidInput("body", "json-object-required");
        }
        List<String> assignTo = new ArrayList<>();
        JsonNode a = body.get("assignTo");
        if (a != null && !a.isNull()) {
            if (!a.isArray() || a.isEmpty()) {
                throw new InvalidInput("assignTo", "coupon.assign-to-list");
            }
            for (int i = 0; i < a.size(); i++) {
                if (!a.get(i).isTextual() || a.get(i).asText().isBlank()) {
                    throw new InvalidInput("assignTo[" + i + "]", "coupon.assign-to-customer");
                }
                assignTo.add(a.get(i).asText().strip());
            }
            if (assignTo.stream().distinct().count() != assignTo.size()) {
                throw new InvalidInput("assignTo", "coupon.assign-to-twice");
            }
        }
        JsonNode c = body.get("count");
        int count;
        if (c == null || c.isNull()) {
            if (assignTo.isEmpty()) {
                throw new InvalidInput("count", "required");
            }
            count = assignTo.size();
        } else {
            if (!c.isIntegralNumber() || !c.canConvertToInt() || c.intValue() < 1 || c.intValue() > MAX_CODES_PER_REQUEST) {
                throw new InvalidInput("count", "coupon.count-range", MAX_CODES_PER_REQUEST);
            }
            count = c.intValue();
            if (!assignTo.isEmpty() && count != assignTo.size()) {
                throw new InvalidInput("count", "coupon.count-assigned");
            }
        }
        return db.inTransaction(tx -> {
            Instant now = clock.instant();
            CampaignStore.CampaignRow row = store.lock(tx, id).orElseThrow(() -> new NotFound("no campaign " + id));
            if (row.status().equals(CampaignStatus.STORED_ENDED)) {
                throw new Conflict("CAMPAIGN_ENDED", "an ended campaign gets no new codes");
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("campaignId", id);
            if (assignTo.isEmpty()) {
                CodeBatches.Batch b = codes.generate(tx, id, count, null, null, now);
                result.put("batch", b.batchId());
                result.put("generated", b.generated());
            } else {
                List<Long> members = new ArrayList<>();
                for (String ref : assignTo) {
                    members.add(Members.ensure(tx, ref));
                }
                Map<Long, String> issued = codes.assign(tx, id, members, null, null, now);
                result.put("generated", issued.size());
                List<Map<String, String>> assigned = new ArrayList<>();
                for (int i = 0; i < members.size(); i++) {
                    assigned.add(Map.of("customerId", assignTo.get(i), "code", CouponCodes.display(issued.get(members.get(i)))));
                }
                result.put("assigned", assigned);
            }
            // the audit names how many, never the codes themselves
            audit.record(tx, actor, "campaign.codes", "campaign:" + id, null,
                    Map.of("generated", result.get("generated"), "assigned", !assignTo.isEmpty()));
            return result;
        });
    }

    public String codesCsv(long id) {
        return db.inTransaction(tx -> {
            store.find(tx, id).orElseThrow(() -> new NotFound("no campaign " + id));
            return codes.csv(tx, id);
        });
    }

    /** A customer's personal coupons (assigned and birthday): usable ones first, soonest expiring first. */
    public List<Map<String, Object>> coupons(String customerRef, Locale locale) {
        return db.inTransaction(tx -> {
            Optional<Long> member = Members.find(tx, customerRef);
            if (member.isEmpty()) {
                return List.of();
            }
            Instant now = clock.instant();
            record Row(String code, long campaignId, String kind, String status, Instant from, Instant to, String terms,
                       boolean used) {
            }
            List<Row> rows = tx.sql().list("""
                    SELECT c.code, c.campaign_id, cc.kind, cc.status, c.valid_from, c.valid_to, v.terms::text,
                           EXISTS (SELECT 1 FROM coupon_redemption r WHERE r.code = c.code
                                   AND (r.status = 'COMMITTED' OR (r.status = 'RESERVED' AND r.expires_at > ?)))
                    FROM coupon_code c
                    JOIN coupon_campaign cc ON cc.id = c.campaign_id
                    JOIN coupon_campaign_version v ON v.campaign_id = cc.id AND v.version = cc.current_version
                    WHERE c.member_id = ? AND cc.status <> 'DRAFT'""",
                    rs -> new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            Sql.instant(rs, "valid_from"), Sql.instant(rs, "valid_to"), rs.getString(7), rs.getBoolean(8)),
                    now, member.get());
            List<Map<String, Object>> out = new ArrayList<>();
            for (Row r : rows) {
                CampaignTerms t = store.read(r.terms());
                Instant from = later(t.validFrom(), r.from());
                Instant to = earlier(t.validTo(), r.to());
                String state = r.used() ? "USED"
                        : r.status().equals(CampaignStatus.STORED_PAUSED) ? "PAUSED"
                        : r.status().equals(CampaignStatus.STORED_ENDED) || (to != null && !now.isBefore(to)) ? "EXPIRED"
                        : from != null && now.isBefore(from) ? "NOT_STARTED" : "USABLE";
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("code", CouponCodes.display(r.code()));
                m.put("campaignId", r.campaignId());
                m.put("kind", r.kind());
                m.put("name", t.name(locale));
                m.put("discount", t.toJson().get("discount"));
                m.put("minimumOrder", t.minimumOrder());
                m.put("currency", t.currency());
                m.put("stackableWithPoints", t.stackableWithPoints());
                m.put("validFrom", from);
                m.put("validTo", to);
                m.put("state", state);
                out.add(m);
            }
            out.sort(Comparator.<Map<String, Object>, Boolean>comparing(m -> !"USABLE".equals(m.get("state")))
                    .thenComparing(m -> (Instant) m.get("validTo"), Comparator.nullsLast(Comparator.naturalOrder())));
            return out;
        });
    }

    private Map<String, Object> view(Tx tx, CampaignStore.CampaignRow row, Instant now, boolean withStatistics) {
        CampaignTerms terms = store.terms(tx, row.id(), row.currentVersion());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", row.id());
        m.put("kind", row.kind());
        m.put("code", row.publicCode());
        m.put("status", CampaignStatus.shown(row.status(), terms, now).name());
        m.put("version", row.currentVersion());
        m.putAll(terms.toJson());
        m.put("createdAt", row.createdAt());
        m.put("createdBy", row.createdBy());
        m.put("updatedAt", row.updatedAt());
        if (withStatistics) {
            m.put("statistics", store.statistics(tx, row.id(), now));
        }
        return m;
    }

    private CampaignTerms parse(JsonNode body) {
        return store.parse(body);
    }

    /** The shared code, upper case; it must not look like a generated code, whose check character is tested first. */
    static String publicCode(JsonNode body) {
        JsonNode c = body.get("code");
        if (c == null || c.isNull()) {
            return null;
        }
        if (!c.isTextual()) {
            throw new InvalidInput("code", "must-be-text");
        }
        String code = CouponRedemptions.publicForm(c.asText());
        if (!code.matches("[A-Z0-9][A-Z0-9_-]{2,31}")) {
            throw new InvalidInput("code", "coupon.code-format");
        }
        String canonical = CouponCodes.canonical(code);
        if (canonical != null && canonical.length() == CouponCodes.RANDOM_CHARS + 1) {
            throw new InvalidInput("code", "coupon.code-like-generated");
        }
        return code;
    }

    private void codeFree(Tx tx, String code, Long self) {
        if (code == null) {
            return;
        }
        store.byPublicCode(tx, code).filter(c -> self == null || c.id() != self).ifPresent(c -> {
            throw new Conflict("CODE_TAKEN", "the code " + code + " belongs to campaign " + c.id());
        });
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
