package dev.kizuna.loyalty.birthday;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.loyalty.coupon.CampaignDraft;
import dev.kizuna.loyalty.coupon.Campaigns;
import dev.kizuna.core.crypto.CouponCodes;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.RankBenefits;
import dev.kizuna.core.ports.RewardGranter;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.spi.Cart;
import dev.kizuna.core.spi.CouponCheckout;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import dev.kizuna.loyalty.coupon.CampaignStore;
import dev.kizuna.loyalty.coupon.CodeBatches;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The birthday job on a real database, judged by the shop clock in Tokyo. Rank benefits and the points granter
 * are stand-ins (host-side ports of other features) so the bonus can be seen; everything else is real.
 */
class BirthdayCouponJobTest {
    static KizunaRuntime kizuna;
    static BirthdayCouponJob job;
    static final List<String> grants = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void install() {
        kizuna = TestKizuna.install(new FakeHost(), Map.of("kizuna.birthday.discount-value", "15"));
        CampaignStore store = new CampaignStore(FakeHost.TOKYO, "JPY");
        RankBenefits gold = new RankBenefits() {
            @Override
            public Benefits benefitsOf(Tx tx, long memberId) {
                return new Benefits("GOLD", 150, null, 300, List.of());
            }
        };
        RewardGranter granter = (tx, memberId, points, source, sourceRef, reason) -> grants.add(source + ":" + sourceRef + ":" + points);
        job = new BirthdayCouponJob(store, new CodeBatches(new CouponCodes()), kizuna.context().mail(), kizuna.context().members(), FakeHost.TOKYO,
                BirthdaySettings.from(kizuna.context().config(), store), "http://shop.test",
                () -> Optional.of(gold), () -> Optional.of(granter));
    }

    @AfterAll
    static void close() {
        kizuna.close();
    }

    static Instant tokyo(int y, int m, int d, int h, int min) {
        return ZonedDateTime.of(y, m, d, h, min, 0, 0, FakeHost.TOKYO).toInstant();
    }

    String register(LocalDate birth, String locale, boolean mail) {
        String ref = "C-" + UUID.randomUUID();
        kizuna.publisher().publish(new CustomerRegistered(UUID.randomUUID().toString(), Instant.parse("2025-01-01T00:00:00Z"),
                ref, ref + "@example.com", "花子", birth, locale, Map.of("mail", mail)));
        return ref;
    }

    JobRuns.JobRun runAt(Instant at) {
        kizuna.context().clock().set(at);
        JobRuns.JobRun run = kizuna.jobRuns().run(job, "manual", null);
        assertThat(run.status()).as(run.error()).isEqualTo(JobRunStatus.SUCCEEDED);
        return run;
    }

    long number(String sql, Object... params) {
        return kizuna.context().database().inTransaction(tx -> tx.sql().number(sql, params));
    }

    Optional<LocalDate> issuedBirthday(String ref) {
        return kizuna.context().database().inTransaction(tx -> tx.sql().one("""
                SELECT b.birthday FROM birthday_coupon b JOIN member m ON m.id = b.member_id WHERE m.customer_ref = ?""",
                rs -> rs.getDate(1).toLocalDate(), ref));
    }

    @Test
    void a_member_gets_the_coupon_7_days_before_with_bonus_points_and_a_mail_and_a_second_run_issues_nothing() {
        String due = register(LocalDate.of(1990, 6, 17), "en", true);
        String later = register(LocalDate.of(1990, 6, 18), "ja", true);
        String quiet = register(LocalDate.of(1985, 6, 17), "ja", false);

        JobRuns.JobRun first = runAt(tokyo(2026, 6, 10, 0, 10));
        assertThat(first.outcome()).contains("coupons issued 2");
        assertThat(issuedBirthday(due)).contains(LocalDate.of(2026, 6, 17));
        assertThat(issuedBirthday(later)).isEmpty();
        assertThat(issuedBirthday(quiet)).isPresent();

        long member = number("SELECT id FROM member WHERE customer_ref = ?", due);
        assertThat(grants).contains("BIRTHDAY:" + member + ":2026:300");
        String subject = kizuna.context().database().inTransaction(tx -> kizuna.context().mail().forMember(tx, member, 10))
                .stream().filter(m -> m.template().equals("birthday-coupon")).map(m -> m.subject() + "|" + m.bodyHtml())
                .findFirst().orElseThrow();
        assertThat(subject).startsWith("Happy birthday").contains("15% off").contains("300 birthday bonus points");
        long quietMember = number("SELECT id FROM member WHERE customer_ref = ?", quiet);
        assertThat(number("SELECT count(*) FROM mail_outbox WHERE member_id = ?", quietMember)).isZero();

        // the coupon is among the shopper's coupons and works at checkout
        String code = kizuna.context().database().inTransaction(tx -> tx.sql().one(
                "SELECT code FROM birthday_coupon WHERE member_id = ?", rs -> rs.getString(1), member).orElseThrow());
        assertThat(subject).contains(CouponCodes.display(code));
        CouponCheckout checkout = kizuna.context().ports().require(CouponCheckout.class);
        Cart cart = new Cart("JPY", List.of(new Cart.CartLine("A", "tea", 1, 4000)), 0);
        assertThat(checkout.quote(due, code, cart, null).discount()).isEqualTo(600);

        long coupons = number("SELECT count(*) FROM birthday_coupon");
        long mails = number("SELECT count(*) FROM mail_outbox");
        int granted = grants.size();
        JobRuns.JobRun again = runAt(tokyo(2026, 6, 10, 9, 0));
        assertThat(again.outcome()).contains("coupons issued 0");
        assertThat(number("SELECT count(*) FROM birthday_coupon")).isEqualTo(coupons);
        assertThat(number("SELECT count(*) FROM mail_outbox")).isEqualTo(mails);
        assertThat(grants).hasSize(granted);
    }

    @Test
    void the_day_is_the_shops_day_in_tokyo_even_just_after_midnight() {
        String ref = register(LocalDate.of(1995, 3, 31), "ja", true);
        // 23 March 15:30 UTC is already 24 March 00:30 in Tokyo: 24 + 7 = 31 March
        runAt(Instant.parse("2026-03-23T15:30:00Z"));
        assertThat(issuedBirthday(ref)).contains(LocalDate.of(2026, 3, 31));
        long member = number("SELECT id FROM member WHERE customer_ref = ?", ref);
        String mail = kizuna.context().database().inTransaction(tx -> kizuna.context().mail().forMember(tx, member, 1))
                .get(0).subject();
        assertThat(mail).contains("お誕生日");
    }

    @Test
    void a_29_february_birthday_is_celebrated_on_28_february_outside_leap_years() {
        String leapling = register(LocalDate.of(2000, 2, 29), "ja", true);
        runAt(tokyo(2027, 2, 21, 0, 10));
        assertThat(issuedBirthday(leapling)).contains(LocalDate.of(2027, 2, 28));
    }

    @Test
    void a_birthday_early_in_january_is_issued_in_december_for_the_new_year() {
        String newYear = register(LocalDate.of(1988, 1, 3), "en", true);
        runAt(tokyo(2026, 12, 27, 0, 10));
        long member = number("SELECT id FROM member WHERE customer_ref = ?", newYear);
        assertThat(number("SELECT birthday_year FROM birthday_coupon WHERE member_id = ?", member)).isEqualTo(2027);
        assertThat(issuedBirthday(newYear)).contains(LocalDate.of(2027, 1, 3));
        // the coupon is valid for 30 days from issue: through 25 January 2027
        Instant validTo = kizuna.context().database().inTransaction(tx -> tx.sql().one("""
                SELECT c.valid_to FROM coupon_code c JOIN birthday_coupon b ON b.code = c.code WHERE b.member_id = ?""",
                rs -> rs.getTimestamp(1).toInstant(), member).orElseThrow());
        assertThat(validTo).isEqualTo(tokyo(2027, 1, 26, 0, 0));
    }

    @Test
    void the_merchant_changes_the_birthday_terms_and_the_next_coupons_carry_them() {
        Campaigns campaigns = kizuna.context().ports().require(Campaigns.class);
        long id = number("SELECT id FROM coupon_campaign WHERE kind = 'BIRTHDAY'");
        CampaignDraft terms = dev.kizuna.core.json.Json.read("""
                {"name":{"ja":"お誕生日 20%オフ","en":"Birthday 20% off"},"discount":{"type":"PERCENT","value":20},
                 "currency":"JPY","minimumOrder":0,"stackableWithPoints":true}""", CampaignDraft.class);
        assertThatThrownBy(() -> campaigns.update(id, terms.withCode("HAPPY"), "tester"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("personal codes");
        CampaignDraft configured = CampaignDraft.of(campaigns.get(id).terms(), null);
        campaigns.update(id, terms, "tester");
        try {
            coupon20();
        } finally {
            // the other tests of this class expect the configured 15 %
            campaigns.update(id, configured, "tester");
        }
    }

    private void coupon20() {
        String due = register(LocalDate.of(1991, 9, 17), "en", true);
        runAt(tokyo(2026, 9, 10, 0, 10));
        long member = number("SELECT id FROM member WHERE customer_ref = ?", due);
        String code = kizuna.context().database().inTransaction(tx -> tx.sql().one(
                "SELECT code FROM birthday_coupon WHERE member_id = ?", rs -> rs.getString(1), member).orElseThrow());
        Cart cart = new Cart("JPY", List.of(new Cart.CartLine("A", "tea", 1, 4000)), 0);
        assertThat(kizuna.context().ports().require(CouponCheckout.class).quote(due, code, cart, null).discount())
                .isEqualTo(800);
    }
}
