package dev.kizuna.survey.web;

import dev.kizuna.core.ports.RewardGranter;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.survey.SurveyWorld;
import dev.kizuna.survey.feedback.SurveyDesign;
import dev.kizuna.survey.invitation.SurveyLinks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.kizuna.survey.SurveyWorld.tokyo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page behind a mailed survey link ({@code /crm/survey/<token>}, served through the core page routes): who may
 * answer, what they see, what is checked and what answering gives, on a real database.
 */
class SurveyPageTest {
    static final LocalDate LIVE = LocalDate.of(2026, 3, 1);
    static SurveyWorld world;
    static long survey;
    static int customers;

    @BeforeAll
    static void install() {
        world = SurveyWorld.install();
        survey = world.activeSurvey("after-delivery", SurveyWorld.design(), SurveyWorld.trigger(7, 100, 0), 50,
                tokyo(LIVE, 0));
    }

    @AfterAll
    static void close() {
        world.close();
    }

    /** A new customer whose order was delivered and then invited by the job; returns their link's token. */
    static Invited invited(String locale) {
        String ref = "C-page-" + (++customers);
        long member = world.customer(ref, locale);
        Instant delivered = tokyo(LIVE.plusDays(customers), 10);
        world.deliveredOrder(ref, delivered);
        world.runInvitations(delivered.plus(Duration.ofDays(7)).plus(Duration.ofHours(1)));
        List<SurveyWorld.Mail> mails = world.invitationMailsTo(ref);
        assertThat(mails).hasSize(1);
        return new Invited(ref, member, mails.get(0).token(), delivered.plus(Duration.ofDays(7)).plus(Duration.ofHours(2)));
    }

    record Invited(String ref, long member, String token, Instant now) {
    }

    static long responses() {
        return world.number("SELECT count(*) FROM survey_response WHERE survey_id = ?", survey);
    }

    static String invitationStatus(long member) {
        return world.strings("SELECT status FROM survey_invitation WHERE member_id = ? AND survey_id = ?", member, survey)
                .get(0);
    }

    static long rewardCalls(long member) {
        return world.rewards.calls.stream().filter(c -> c.memberId() == member).count();
    }

    @Test
    void the_link_opens_the_survey_in_the_customers_language_and_in_english_or_japanese_on_request() throws Exception {
        Invited ja = invited("ja");
        world.clock(ja.now());
        SurveyWorld.Page page = world.open(ja.token(), null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html()).contains("<html lang=\"ja\"", "ご購入後アンケート", "おすすめしますか?", "回答を送信する",
                "0 = まったくすすめない", "ログインは不要です");
        assertThat(page.html()).doesNotContain("Would you recommend us?");

        SurveyWorld.Page english = world.open(ja.token(), "en");
        assertThat(english.status()).isEqualTo(200);
        assertThat(english.html()).contains("<html lang=\"en\"", "After your order", "Would you recommend us?",
                "Send my answers", "Only if you answered 0–6 to “Would you recommend us?”", "Rate the delivery");
        assertThat(english.html()).doesNotContain("おすすめしますか?");

        Invited en = invited("en");
        world.clock(en.now());
        assertThat(world.open(en.token(), null).html()).contains("<html lang=\"en\"", "Would you recommend us?");
        assertThat(world.open(en.token(), "ja").html()).contains("<html lang=\"ja\"", "おすすめしますか?");
        // opening is not answering
        assertThat(invitationStatus(en.member())).isEqualTo("SENT");
    }

    @Test
    void answering_thanks_the_shopper_and_grants_the_completion_points_once_and_the_link_cannot_be_reused() throws Exception {
        Invited c = invited("ja");
        world.clock(c.now());
        long version = SurveyWorld.formVersion(world.open(c.token(), null).html());
        SurveyWorld.Page thanks = world.answer(c.token(), version, "ja", Map.of("nps", List.of("9"),
                "comment", List.of("梱包がとても丁寧でした")));
        assertThat(thanks.status()).isEqualTo(200);
        assertThat(thanks.html()).contains("ご回答ありがとうございました", "50ポイントを進呈しました");
        assertThat(world.rewards.calls).filteredOn(g -> g.memberId() == c.member())
                .containsExactly(new SurveyWorld.Rewards.Grant(c.member(), 50, SurveyPage.REWARD_SOURCE,
                        "invitation:" + world.number("SELECT id FROM survey_invitation WHERE member_id = ?", c.member())));
        assertThat(invitationStatus(c.member())).isEqualTo("RESPONDED");
        assertThat(world.number("SELECT count(*) FROM survey_response WHERE member_id = ?", c.member())).isEqualTo(1);
        assertThat(world.number("SELECT reward_points FROM survey_response WHERE member_id = ?", c.member())).isEqualTo(50);

        // the same link again: refused, in both languages, and nothing more is stored or granted
        SurveyWorld.Page again = world.open(c.token(), null);
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.html()).contains("回答済みです", "Already answered");
        // asked in one language (?lang=), it answers in that one only
        assertThat(world.open(c.token(), "ja").html()).contains("回答済みです").doesNotContain("Already answered");
        assertThat(world.open(c.token(), "en").html()).contains("Already answered").doesNotContain("回答済みです");
        SurveyWorld.Page twice = world.answer(c.token(), version, "ja", Map.of("nps", List.of("3"),
                "reason", List.of("price")));
        assertThat(twice.status()).isEqualTo(410);
        assertThat(world.number("SELECT count(*) FROM survey_response WHERE member_id = ?", c.member())).isEqualTo(1);
        assertThat(world.number("SELECT nps_score FROM survey_response WHERE member_id = ?", c.member())).isEqualTo(9);
        assertThat(rewardCalls(c.member())).isEqualTo(1);

        // a fresh link to the same invitation (the shopper's "my surveys" list makes one) is used up as well
        String fresh = new SurveyLinks(world.kizuna.context().tokens(), SurveyWorld.LINK)
                .issue(world.number("SELECT id FROM survey_invitation WHERE member_id = ?", c.member()),
                        c.now().plus(Duration.ofDays(3)));
        assertThat(world.answer(fresh, version, "ja", Map.of("nps", List.of("10"))).status()).isEqualTo(410);
        assertThat(rewardCalls(c.member())).isEqualTo(1);
    }

    @Test
    void without_the_points_feature_answering_still_works_and_promises_no_points() throws Exception {
        // the recorder stands in for the points feature; a survey with no reward never asks it
        SurveyDesign d = SurveyWorld.design();
        long noReward = world.activeSurvey("no-reward", new SurveyDesign(LocalizedText.of("配送の確認", "Delivery check"), null,
                null, d.questions()), SurveyWorld.trigger(3, 100, 0), 0, tokyo(LIVE.plusYears(1), 0));
        String ref = "C-page-noreward";
        long member = world.customer(ref, "en");
        Instant delivered = tokyo(LIVE.plusYears(1).plusDays(1), 10);
        world.deliveredOrder(ref, delivered);
        world.runInvitations(delivered.plus(Duration.ofDays(3)).plusSeconds(60));
        // the order is due for the other live survey too; this test follows the unrewarded one
        SurveyWorld.Mail mail = world.invitationMailsTo(ref).stream().filter(m -> m.subject().contains("Delivery check"))
                .findFirst().orElseThrow();
        assertThat(mail.body()).doesNotContain("points");
        long version = SurveyWorld.formVersion(world.open(mail.token(), null).html());
        SurveyWorld.Page thanks = world.answer(mail.token(), version, null, Map.of("nps", List.of("8")));
        assertThat(thanks.status()).isEqualTo(200);
        assertThat(thanks.html()).contains("Thank you for your answers").doesNotContain("points");
        assertThat(rewardCalls(member)).isZero();
        assertThat(world.number("SELECT count(*) FROM survey_response WHERE survey_id = ?", noReward)).isEqualTo(1);
        assertThat(world.kizuna.context().ports().find(RewardGranter.class)).isPresent();
    }

    @Test
    void a_tampered_link_is_refused_and_changes_nothing() throws Exception {
        Invited c = invited("ja");
        world.clock(c.now());
        long version = SurveyWorld.formVersion(world.open(c.token(), null).html());
        String[] parts = c.token().split("\\.");

        // another invitation's id in the body under the original signature
        String payload = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String[] f = payload.split("\\|");
        String otherBody = Base64.getUrlEncoder().withoutPadding().encodeToString(
                String.join("|", f[0], Long.toString(Long.parseLong(f[1]) + 1), f[2], f[3]).getBytes(StandardCharsets.UTF_8));
        // a later expiry under the original signature
        String laterBody = Base64.getUrlEncoder().withoutPadding().encodeToString(
                String.join("|", f[0], f[1], Long.toString(Long.parseLong(f[2]) + 86_400 * 365), f[3])
                        .getBytes(StandardCharsets.UTF_8));
        char last = parts[1].charAt(parts[1].length() - 2);
        String flipped = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + (last == 'A' ? 'B' : 'A')
                + parts[1].charAt(parts[1].length() - 1);
        // signed with the shop's key, but for something else
        String otherPurpose = world.kizuna.context().tokens().issue("unsubscribe", f[1], c.now().plus(Duration.ofDays(1)));

        for (String bad : List.of(otherBody + "." + parts[1], laterBody + "." + parts[1], flipped, otherPurpose)) {
            SurveyWorld.Page shown = world.open(bad, null);
            assertThat(shown.status()).as(bad).isEqualTo(403);
            assertThat(shown.html()).contains("このリンクは使用できません", "This link cannot be used");
            assertThat(world.answer(bad, version, "ja", Map.of("nps", List.of("10"))).status()).isEqualTo(403);
        }
        for (String broken : List.of("nonsense", "", parts[0], parts[0] + ".!!!")) {
            assertThat(world.open(broken, null).status()).as(broken).isEqualTo(400);
            assertThat(world.answer(broken, version, "ja", Map.of("nps", List.of("10"))).status()).isEqualTo(400);
        }
        assertThat(invitationStatus(c.member())).isEqualTo("SENT");
        assertThat(world.number("SELECT count(*) FROM survey_response WHERE member_id = ?", c.member())).isZero();
        assertThat(rewardCalls(c.member())).isZero();
        // the genuine link still works
        assertThat(world.answer(c.token(), version, "ja", Map.of("nps", List.of("10"))).status()).isEqualTo(200);
    }

    @Test
    void an_expired_link_is_refused_and_changes_nothing() throws Exception {
        Invited c = invited("en");
        world.clock(c.now());
        long version = SurveyWorld.formVersion(world.open(c.token(), null).html());
        Instant expires = world.tx(tx -> tx.sql().one("SELECT expires_at FROM survey_invitation WHERE member_id = ?",
                rs -> rs.getTimestamp(1).toInstant(), c.member()).orElseThrow());
        // 30 days after the run (the shop clock keeps ticking from where the test set it)
        Instant run = c.now().minus(Duration.ofHours(1));
        assertThat(expires).isBetween(run.plus(Duration.ofDays(30)), run.plus(Duration.ofDays(30)).plusSeconds(60));

        world.clock(expires.minusSeconds(1));
        assertThat(world.open(c.token(), null).status()).isEqualTo(200);
        world.clock(expires);
        SurveyWorld.Page shown = world.open(c.token(), null);
        assertThat(shown.status()).isEqualTo(410);
        assertThat(shown.html()).contains("回答期限が過ぎています", "This survey link has expired");
        assertThat(world.answer(c.token(), version, "en", Map.of("nps", List.of("10"))).status()).isEqualTo(410);
        assertThat(invitationStatus(c.member())).isEqualTo("SENT");
        assertThat(world.number("SELECT count(*) FROM survey_response WHERE member_id = ?", c.member())).isZero();
        assertThat(rewardCalls(c.member())).isZero();
    }

    @Test
    void answers_breaking_the_rules_are_shown_back_with_the_problem_at_each_question_and_nothing_is_written()
            throws Exception {
        Invited c = invited("en");
        world.clock(c.now());
        long version = SurveyWorld.formVersion(world.open(c.token(), null).html());
        long before = responses();

        SurveyWorld.Page missing = world.answer(c.token(), version, "en", Map.of("comment", List.of("no score")));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.html()).contains("Please check your answers (1 to look at).", "Please answer this question.",
                "id=\"q-nps-error\"", ">no score</textarea>");

        SurveyWorld.Page eleven = world.answer(c.token(), version, "en", Map.of("nps", List.of("11")));
        assertThat(eleven.status()).isEqualTo(400);
        assertThat(eleven.html()).contains("id=\"q-nps-error\"", "Please choose a value on the scale.");

        // a detractor must say why: the branch is shown and required
        SurveyWorld.Page noReason = world.answer(c.token(), version, "en", Map.of("nps", List.of("3")));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.html()).contains("id=\"q-reason-error\"", "Please answer this question.")
                .doesNotContain("id=\"q-nps-error\"");

        SurveyWorld.Page unknown = world.answer(c.token(), version, "en", Map.of("nps", List.of("3"),
                "reason", List.of("weather"), "rating", List.of("0")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.html()).contains("Please check your answers (2 to look at).", "Please choose one of the options.");

        SurveyWorld.Page otherSurvey = world.answer(c.token(), version + 1000, "en", Map.of("nps", List.of("3")));
        assertThat(otherSurvey.status()).isEqualTo(400);

        assertThat(responses()).isEqualTo(before);
        assertThat(world.number("SELECT count(*) FROM survey_answer a JOIN survey_response r ON r.id = a.response_id "
                + "WHERE r.member_id = ?", c.member())).isZero();
        assertThat(invitationStatus(c.member())).isEqualTo("SENT");
        assertThat(rewardCalls(c.member())).isZero();

        // a promoter is not asked why: the reason is not required, and one sent anyway is not stored
        SurveyWorld.Page ok = world.answer(c.token(), version, "en", Map.of("nps", List.of("10"),
                "reason", List.of("price"), "rating", List.of("5")));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(world.strings("""
                SELECT a.question_key FROM survey_answer a JOIN survey_response r ON r.id = a.response_id
                WHERE r.member_id = ? ORDER BY 1""", c.member())).containsExactly("nps", "rating");
    }
}
