package dev.kizuna.loyalty.birthday;

import dev.kizuna.core.mail.MailOutbox;
import dev.kizuna.core.mirror.SealedMembers;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.RankBenefits;
import dev.kizuna.core.ports.RewardGranter;
import dev.kizuna.core.scheduling.KeysetBatchJob;
import dev.kizuna.loyalty.coupon.CampaignStatus;
import dev.kizuna.loyalty.coupon.CampaignStore;
import dev.kizuna.loyalty.coupon.CampaignTerms;
import dev.kizuna.loyalty.coupon.CodeBatches;
import dev.kizuna.loyalty.coupon.CouponTexts;
import dev.kizuna.core.crypto.CouponCodes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code birthday-coupons}: every day, each member whose birthday is due (see {@link BirthdayCalendar}) gets a
 * personal single-use code of the birthday campaign, valid from issue for the configured days, the rank's birthday
 * bonus points, and a mail if they consented to mail. One transaction per batch of members holds all of it; the
 * primary key {@code (member_id, birthday_year)} of {@code birthday_coupon} makes a second run, or a run resumed
 * after a crash, issue nothing twice. Pausing or ending the birthday campaign stops issuing.
 */
public final class BirthdayCouponJob extends KeysetBatchJob {
    public static final String NAME = "birthday-coupons";
    static final String MAIL_TEMPLATE = "birthday-coupon";

    private final CampaignStore campaigns;
    private final CodeBatches codes;
    private final MailOutbox mail;
    private final SealedMembers members;
    private final ZoneId zone;
    private final BirthdaySettings settings;
    private final String publicBaseUrl;
    private final Supplier<Optional<RankBenefits>> ranks;
    private final Supplier<Optional<RewardGranter>> rewards;

    public BirthdayCouponJob(CampaignStore campaigns, CodeBatches codes, MailOutbox mail, SealedMembers members,
                             ZoneId zone, BirthdaySettings settings, String publicBaseUrl,
                             Supplier<Optional<RankBenefits>> ranks, Supplier<Optional<RewardGranter>> rewards) {
        this.campaigns = campaigns;
        this.codes = codes;
        this.mail = mail;
        this.members = members;
        this.zone = zone;
        this.settings = settings;
        this.publicBaseUrl = publicBaseUrl;
        this.ranks = ranks;
        this.rewards = rewards;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Issues birthday coupons " + settings.daysBefore() + " days before each member's birthday";
    }

    @Override
    public List<Object> descriptionArgs() {
        return List.of(settings.daysBefore());
    }

    @Override
    public String defaultSchedule() {
        return "0 10 0 * * ?";
    }

    @Override
    protected int batchSize() {
        return settings.batchSize();
    }

    private List<BirthdayCalendar.Due> due(Instant asOf) {
        return BirthdayCalendar.due(LocalDate.ofInstant(asOf, zone), settings.daysBefore(), settings.catchUpDays());
    }

    /** The blind index (hex) of a due day's month and day: members are selected by it, never by a clear date. */
    private String birthdayIndex(BirthdayCalendar.Due d) {
        return members.birthdayIndex(MonthDay.of(d.monthDay() / 100, d.monthDay() % 100));
    }

    private String[] birthdayIndexes(Instant asOf) {
        return due(asOf).stream().map(this::birthdayIndex).distinct().toArray(String[]::new);
    }

    @Override
    protected long total(Tx tx, Instant asOf) {
        return tx.sql().number("""
                SELECT count(*) FROM member
                WHERE birthday_index = ANY(ARRAY(SELECT decode(h, 'hex') FROM unnest(?::text[]) h)) AND erased_at IS NULL""",
                tx.sql().textArray(birthdayIndexes(asOf)));
    }

    @Override
    protected List<Long> nextKeys(Tx tx, long after, int limit, Instant asOf) {
        return tx.sql().list("""
                SELECT id FROM member
                WHERE birthday_index = ANY(ARRAY(SELECT decode(h, 'hex') FROM unnest(?::text[]) h)) AND erased_at IS NULL
                  AND id > ?
                ORDER BY id LIMIT ?""", rs -> rs.getLong(1), tx.sql().textArray(birthdayIndexes(asOf)), after, limit);
    }

    private record Candidate(long memberId, String email, String name, String locale, boolean mailConsent,
                             LocalDate birthday) {
        boolean mailable() {
            return mailConsent && email != null && !email.isBlank();
        }
    }

    @Override
    protected long process(Tx tx, List<Long> keys, Instant asOf) {
        Optional<CampaignStore.CampaignRow> campaign = campaigns.birthday(tx)
                .filter(c -> c.status() == CampaignStatus.Stored.ACTIVE);
        if (campaign.isEmpty()) {
            return 0;
        }
        List<BirthdayCalendar.Due> due = due(asOf);
        List<Candidate> candidates = tx.sql().list("""
                SELECT m.id, m.customer_ref, m.email, m.display_name, m.locale,
                       coalesce(m.consents ->> 'mail', 'false') = 'true', t.birthday::date
                FROM member m
                JOIN unnest(?::text[], ?::text[]) AS t(day_index, birthday) ON m.birthday_index = decode(t.day_index, 'hex')
                WHERE m.id = ANY(?) AND m.erased_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM birthday_coupon b WHERE b.member_id = m.id
                                  AND b.birthday_year = extract(year FROM t.birthday::date)::int)
                ORDER BY m.id""",
                rs -> new Candidate(rs.getLong(1), members.openEmail(rs.getString(2), rs.getString(3)),
                        members.openName(rs.getString(2), rs.getString(4)), rs.getString(5), rs.getBoolean(6),
                        rs.getDate(7).toLocalDate()),
                tx.sql().textArray(due.stream().map(this::birthdayIndex).toArray(String[]::new)),
                tx.sql().textArray(due.stream().map(d -> d.birthday().toString()).toArray(String[]::new)),
                tx.sql().longArray(keys.toArray(Long[]::new)));
        if (candidates.isEmpty()) {
            return 0;
        }
        long campaignId = campaign.get().id();
        CampaignTerms terms = campaigns.terms(tx, campaignId, campaign.get().currentVersion());
        LocalDate issueDay = LocalDate.ofInstant(asOf, zone);
        Instant validTo = issueDay.plusDays(settings.validDays()).atStartOfDay(zone).toInstant();
        int n = candidates.size();
        Long[] members = new Long[n];
        String[] years = new String[n];
        String[] birthdays = new String[n];
        String[] drawn = new String[n];
        String[] bonus = new String[n];
        String[] mailed = new String[n];
        Optional<RankBenefits> rankBenefits = ranks.get();
        Optional<RewardGranter> granter = rewards.get();
        for (int i = 0; i < n; i++) {
            Candidate c = candidates.get(i);
            members[i] = c.memberId();
            years[i] = Integer.toString(c.birthday().getYear());
            birthdays[i] = c.birthday().toString();
            drawn[i] = codes.draw();
            long points = granter.isPresent() && rankBenefits.isPresent()
                    ? rankBenefits.get().benefitsOf(tx, c.memberId()).birthdayBonusPoints() : 0;
            bonus[i] = Long.toString(Math.max(0, points));
            mailed[i] = Boolean.toString(c.mailable());
        }
        // the unique key decides who is issued now; codes, points and mails follow only for those
        List<Long> issued = tx.sql().list("""
                INSERT INTO birthday_coupon (member_id, birthday_year, birthday, code, bonus_points, mailed, issued_at)
                SELECT m, y::int, b::date, c, p::bigint, ml::boolean, ?
                FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS t(m, y, b, c, p, ml)
                ON CONFLICT (member_id, birthday_year) DO NOTHING RETURNING member_id""", rs -> rs.getLong(1),
                asOf, tx.sql().longArray(members), tx.sql().textArray(years), tx.sql().textArray(birthdays),
                tx.sql().textArray(drawn), tx.sql().textArray(bonus), tx.sql().textArray(mailed));
        java.util.Set<Long> now = new java.util.HashSet<>(issued);
        List<Long> storeMembers = new ArrayList<>();
        List<String> storeCodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (now.contains(members[i])) {
                storeMembers.add(members[i]);
                storeCodes.add(drawn[i]);
            }
        }
        codes.store(tx, campaignId, storeCodes.toArray(String[]::new), storeMembers.toArray(Long[]::new), asOf, validTo, asOf);
        for (int i = 0; i < n; i++) {
            Candidate c = candidates.get(i);
            if (!now.contains(c.memberId())) {
                continue;
            }
            int year = c.birthday().getYear();
            long points = Long.parseLong(bonus[i]);
            if (points > 0) {
                granter.orElseThrow().grant(tx, c.memberId(), points, "BIRTHDAY", c.memberId() + ":" + year,
                        "birthday bonus " + year);
            }
            if (c.mailable()) {
                String lang = "en".equals(c.locale()) ? "en" : "ja";
                mail.enqueue(tx, c.memberId(), c.email(), lang, MAIL_TEMPLATE,
                        model(c, lang, drawn[i], terms, points, validTo), "birthday-coupon:" + c.memberId() + ":" + year);
            }
        }
        return issued.size();
    }

    private Map<String, Object> model(Candidate c, String lang, String code, CampaignTerms terms, long points,
                                      Instant validTo) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", c.name() == null ? "" : c.name());
        m.put("code", CouponCodes.display(code));
        m.put("couponName", terms.name(Locale.forLanguageTag(lang)));
        m.put("discount", CouponTexts.describe(terms.discount(), terms.currency(), lang));
        m.put("minimumOrder", terms.minimumOrder() > 0 ? CouponTexts.money(terms.minimumOrder(), terms.currency(), lang) : "");
        // the last day on which the coupon still works
        m.put("validUntil", date(LocalDate.ofInstant(validTo.minusSeconds(1), zone), lang));
        m.put("birthday", date(c.birthday(), lang));
        m.put("bonusPoints", points);
        m.put("bonusText", CouponTexts.number(points, lang));
        m.put("link", publicBaseUrl);
        return m;
    }

    private static String date(LocalDate d, String lang) {
        return "en".equals(lang) ? d.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH))
                : d.format(DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.JAPANESE));
    }

    @Override
    protected String outcome(long visited, long changed) {
        return "members with a birthday due " + visited + ", coupons issued " + changed;
    }
}
