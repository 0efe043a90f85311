package dev.kizuna.loyalty.coupon;

import dev.kizuna.core.audit.AuditLog;
import dev.kizuna.core.crypto.CouponCodes;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.catalog.Catalog;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.RankLadder;
import dev.kizuna.core.ports.SegmentDirectory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

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
    private final Supplier<Optional<SegmentDirectory>> segments;
    private final Supplier<Optional<RankLadder>> ranks;
    private final Catalog catalog;

    public Campaigns(Database db, CampaignStore store, CodeBatches codes, AuditLog audit, Clock clock,
                     Supplier<Optional<SegmentDirectory>> segments, Supplier<Optional<RankLadder>> ranks,
                     Catalog catalog) {
        this.catalog = catalog;
        this.db = db;
        this.store = store;
        this.codes = codes;
        this.audit = audit;
        this.clock = clock;
        this.segments = segments;
        this.ranks = ranks;
    }

    /** Eligibility names only segments and ranks that exist, and the discounted lines only the shop's items. */
    private void requireListed(Tx tx, CampaignTerms terms) {
        catalog.requireCategories(tx, terms.categories(), "categories");
        catalog.requireSkus(tx, terms.skus(), "skus");
        SegmentDirectory.requireListed(segments.get(), tx, terms.eligibility().segment(), "eligibility.segment");
        RankLadder.requireListed(ranks.get(), terms.eligibility().ranks(), "eligibility.ranks");
    }

    /** A new campaign, starting as {@code startAs} (LIVE when null; SCHEDULED and LIVE both activate it). */
    public CampaignView create(CampaignDraft draft, CampaignStatus startAs, String actor) {
        CampaignTerms terms = store.check(draft);
        String code = publicCode(draft.code());
        CampaignStatus.Stored status = CampaignStatus.initial(startAs == null ? CampaignStatus.LIVE : startAs);
        return db.inTransaction(tx -> {
            requireListed(tx, terms);
            Instant now = clock.instant();
            codeFree(tx, code, null);
            long id = store.insert(tx, CampaignKind.STANDARD, code, status, terms, actor, now);
            CampaignView view = view(tx, store.find(tx, id).orElseThrow(), now, false);
            audit.record(tx, actor, "campaign.create", "campaign:" + id, null, view);
            return view;
        });
    }

    /** New terms for a campaign: written as a new version; orders already quoted keep theirs. */
    public CampaignView update(long id, CampaignDraft draft, String actor) {
        CampaignTerms terms = store.check(draft);
        String code = publicCode(draft.code());
        return db.inTransaction(tx -> {
            requireListed(tx, terms);
            Instant now = clock.instant();
            CampaignStore.CampaignRow row = store.lock(tx, id).orElseThrow(() -> new NotFound("no campaign " + id));
            if (row.kind() == CampaignKind.BIRTHDAY && code != null) {
                throw new InvalidInput("code", "coupon.birthday-shared-code");
            }
            if (row.status() == CampaignStatus.Stored.ENDED) {
                throw new Conflict("CAMPAIGN_ENDED", "an ended campaign cannot change");
            }
            CampaignView before = view(tx, row, now, false);
            codeFree(tx, code, id);
            if (!java.util.Objects.equals(code, row.publicCode())) {
                store.setPublicCode(tx, id, code, now);
            }
            store.addVersion(tx, id, terms, actor, now);
            CampaignView after = view(tx, store.find(tx, id).orElseThrow(), now, false);
            audit.record(tx, actor, "campaign.update", "campaign:" + id, before, after);
            return after;
        });
    }

    public CampaignView changeStatus(long id, CampaignStatus requested, String actor) {
        if (requested == null) {
            throw new InvalidInput("status", "required");
        }
        return db.inTransaction(tx -> {
            Instant now = clock.instant();
            CampaignStore.CampaignRow row = store.lock(tx, id).orElseThrow(() -> new NotFound("no campaign " + id));
            CampaignStatus.Stored next = CampaignStatus.transition(row.status(), requested);
            CampaignStatus before = CampaignStatus.shown(row.status(), store.terms(tx, id, row.currentVersion()), now);
            store.setStatus(tx, id, next, now);
            CampaignView view = view(tx, store.find(tx, id).orElseThrow(), now, false);
            audit.record(tx, actor, "campaign.status", "campaign:" + id, Map.of("status", before),
                    Map.of("status", view.status()));
            return view;
        });
    }

    /** Every campaign, newest first, without statistics. */
    public List<CampaignView> list() {
        return db.inTransaction(tx -> {
            Instant now = clock.instant();
            List<CampaignView> out = new ArrayList<>();
            for (CampaignStore.CampaignRow row : store.all(tx)) {
                out.add(view(tx, row, now, false));
            }
            return out;
        });
    }

    /** One campaign with its statistics. */
    public CampaignView get(long id) {
        return db.inTransaction(tx -> view(tx, store.find(tx, id).orElseThrow(() -> new NotFound("no campaign " + id)),
                clock.instant(), true));
    }

    /** The shop's birthday campaign, with its statistics, once the birthday coupon is set up. */
    public Optional<CampaignView> birthday() {
        return db.inTransaction(tx -> store.birthday(tx).map(row -> view(tx, row, clock.instant(), true)));
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
                FROM coupon_redemption WHERE status = ? AND committed_at >= ? GROUP BY 1""", rs -> {
            MonthRedemptions m = new MonthRedemptions(java.time.YearMonth.parse(rs.getString(1)), rs.getLong(2), rs.getLong(3));
            found.put(m.month(), m);
            return m;
        }, zone.getId(), RedemptionStatus.COMMITTED, from));
        List<MonthRedemptions> out = new ArrayList<>(months);
        for (java.time.YearMonth m = first; !m.isAfter(current); m = m.plusMonths(1)) {
            out.add(found.getOrDefault(m, new MonthRedemptions(m, 0, 0)));
        }
        return out;
    }

    /** Unassigned codes ({@code count}), or one personal code for each customer of {@code assignTo}. */
    public CodeBatchResult generateCodes(long id, CodeRequest request, String actor) {
        if (request == null) {
            throw new InvalidInput("body", "json-object-required");
        }
        List<String> assignTo = new ArrayList<>();
        if (request.assignTo() != null) {
            if (request.assignTo().isEmpty()) {
                throw new InvalidInput("assignTo", "coupon.assign-to-list");
            }
            for (int i = 0; i < request.assignTo().size(); i++) {
                String ref = request.assignTo().get(i);
                if (ref == null || ref.isBlank()) {
                    throw new InvalidInput("assignTo[" + i + "]", "coupon.assign-to-customer");
                }
                assignTo.add(ref.strip());
            }
            if (assignTo.stream().distinct().count() != assignTo.size()) {
                throw new InvalidInput("assignTo", "coupon.assign-to-twice");
            }
        }
        int count;
        if (request.count() == null) {
            if (assignTo.isEmpty()) {
                throw new InvalidInput("count", "required");
            }
            count = assignTo.size();
        } else {
            count = request.count();
            if (count < 1 || count > MAX_CODES_PER_REQUEST) {
                throw new InvalidInput("count", "coupon.count-range", MAX_CODES_PER_REQUEST);
            }
            if (!assignTo.isEmpty() && count != assignTo.size()) {
                throw new InvalidInput("count", "coupon.count-assigned");
            }
        }
        return db.inTransaction(tx -> {
            Instant now = clock.instant();
            CampaignStore.CampaignRow row = store.lock(tx, id).orElseThrow(() -> new NotFound("no campaign " + id));
            if (row.status() == CampaignStatus.Stored.ENDED) {
                throw new Conflict("CAMPAIGN_ENDED", "an ended campaign gets no new codes");
            }
            CodeBatchResult result;
            if (assignTo.isEmpty()) {
                CodeBatches.Batch b = codes.generate(tx, id, count, null, null, now);
                result = new CodeBatchResult(id, b.batchId(), b.generated(), null);
            } else {
                List<Long> members = new ArrayList<>();
                for (String ref : assignTo) {
                    members.add(Members.ensure(tx, ref));
                }
                Map<Long, String> issued = codes.assign(tx, id, members, null, null, now);
                List<CodeBatchResult.AssignedCode> assigned = new ArrayList<>();
                for (int i = 0; i < members.size(); i++) {
                    assigned.add(new CodeBatchResult.AssignedCode(assignTo.get(i),
                            CouponCodes.display(issued.get(members.get(i)))));
                }
                result = new CodeBatchResult(id, null, issued.size(), assigned);
            }
            // the audit names how many, never the codes themselves
            audit.record(tx, actor, "campaign.codes", "campaign:" + id, null,
                    Map.of("generated", result.generated(), "assigned", !assignTo.isEmpty()));
            return result;
        });
    }

    public String codesCsv(long id, java.time.ZoneId zone) {
        return db.inTransaction(tx -> {
            CampaignStore.CampaignRow row = store.find(tx, id).orElseThrow(() -> new NotFound("no campaign " + id));
            return codes.csv(tx, id, store.terms(tx, row.id(), row.currentVersion()), zone);
        });
    }

    /** A customer's personal coupons (assigned and birthday): usable ones first, soonest expiring first. */
    public List<CustomerCoupon> coupons(String customerRef, Locale locale) {
        return db.inTransaction(tx -> {
            Optional<Long> member = Members.find(tx, customerRef);
            if (member.isEmpty()) {
                return List.of();
            }
            Instant now = clock.instant();
            record Row(String code, long campaignId, CampaignKind kind, CampaignStatus.Stored status, Instant from,
                       Instant to, String terms, boolean used) {
            }
            List<Row> rows = tx.sql().list("""
                    SELECT c.code, c.campaign_id, cc.kind, cc.status, c.valid_from, c.valid_to, v.terms::text,
                           EXISTS (SELECT 1 FROM coupon_redemption r WHERE r.code = c.code
                                   AND (r.status = %1$s OR (r.status = %2$s AND r.expires_at > ?)))
                    FROM coupon_code c
                    JOIN coupon_campaign cc ON cc.id = c.campaign_id
                    JOIN coupon_campaign_version v ON v.campaign_id = cc.id AND v.version = cc.current_version
                    WHERE c.member_id = ? AND cc.status <> ?""".formatted(Sql.literals(RedemptionStatus.COMMITTED),
                            Sql.literals(RedemptionStatus.RESERVED)),
                    rs -> new Row(rs.getString(1), rs.getLong(2), CampaignKind.valueOf(rs.getString(3)),
                            CampaignStatus.Stored.valueOf(rs.getString(4)), Sql.instant(rs, "valid_from"),
                            Sql.instant(rs, "valid_to"), rs.getString(7), rs.getBoolean(8)),
                    now, member.get(), CampaignStatus.Stored.DRAFT);
            List<CustomerCoupon> out = new ArrayList<>();
            for (Row r : rows) {
                CampaignTerms t = store.read(r.terms());
                Instant from = later(t.validFrom(), r.from());
                Instant to = earlier(t.validTo(), r.to());
                CustomerCoupon.State state = r.used() ? CustomerCoupon.State.USED
                        : r.status() == CampaignStatus.Stored.PAUSED ? CustomerCoupon.State.PAUSED
                        : r.status() == CampaignStatus.Stored.ENDED || (to != null && !now.isBefore(to))
                        ? CustomerCoupon.State.EXPIRED
                        : from != null && now.isBefore(from) ? CustomerCoupon.State.NOT_STARTED : CustomerCoupon.State.USABLE;
                out.add(new CustomerCoupon(CouponCodes.display(r.code()), r.campaignId(), r.kind(), t.name(locale),
                        t.discount(), t.minimumOrder(), t.currency(), t.stackableWithPoints(), from, to, state));
            }
            out.sort(Comparator.comparing((CustomerCoupon c) -> c.state() != CustomerCoupon.State.USABLE)
                    .thenComparing(CustomerCoupon::validTo, Comparator.nullsLast(Comparator.naturalOrder())));
            return out;
        });
    }

    private CampaignView view(Tx tx, CampaignStore.CampaignRow row, Instant now, boolean withStatistics) {
        CampaignTerms terms = store.terms(tx, row.id(), row.currentVersion());
        return new CampaignView(row.id(), row.kind(), row.publicCode(), CampaignStatus.shown(row.status(), terms, now),
                row.currentVersion(), terms, row.createdAt(), row.createdBy(), row.updatedAt(),
                withStatistics ? store.statistics(tx, row.id(), now) : null);
    }

    /** The shared code, upper case; it must not look like a generated code, whose check character is tested first. */
    static String publicCode(String given) {
        if (given == null) {
            return null;
        }
        String code = CouponRedemptions.publicForm(given);
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

    static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
