package dev.kizuna.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.it.ShopClient.Line;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member's referral link as the demo shop's shoppers and the merchant use it: the merchant picks a coupon
 * campaign as the referrer's reward in the console, a friend opens the member's link, registers through the shop's
 * form (the code rides along in a hidden field) and shows up as the member's referral in the console and the API;
 * once the friend's first order is confirmed, the member holds one coupon of that campaign.
 */
class ReferralFlowTest {
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern TOKEN = Pattern.compile("name=\"_token\" value=\"([^\"]+)\"");
    final ShopClient shop = ShopClient.admin();
    final ShopClient admin = ShopClient.admin();

    static String find(Pattern p, String page) {
        Matcher m = p.matcher(page);
        assertThat(m.find()).as("%s on the page", p).isTrue();
        return m.group(1);
    }

    static String form(String... pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.append(i == 0 ? "" : "&").append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    /** A browser signed in to the console as the demo's admin. */
    static ShopClient console() {
        ShopClient c = new ShopClient(RunningShop.baseUrl(), null);
        String csrf = find(CSRF, c.get("/crm/admin/login").body());
        ShopClient.Response signedIn = c.postForm("/crm/admin/login",
                form("_csrf", csrf, "next", "/", "username", "admin", "password", "it-console-secret"));
        assertThat(signedIn.status()).as(signedIn.body()).isIn(302, 303);
        return c;
    }

    @Test
    void a_shopper_registering_through_a_members_link_is_that_members_referral_and_the_member_gets_the_picked_coupon() {
        admin.setClock("2031-05-07T10:00:00+09:00");
        ShopClient.Response campaign = admin.post("/crm/api/campaigns", """
                {"name":{"ja":"ご紹介お礼クーポン","en":"Referral thank-you coupon"},"discount":{"type":"FIXED","value":500},
                 "currency":"JPY"}""");
        assertThat(campaign.status()).as(campaign.body()).isEqualTo(201);
        String campaignId = campaign.get("id").asText();

        // The merchant picks the campaign as the referrer's reward in the console's program form.
        ShopClient console = console();
        String page = console.get("/crm/admin/referrals?lang=en").body();
        assertThat(page).contains("<option value=\"" + campaignId + "\">Coupon: Referral thank-you coupon</option>");
        ShopClient.Response saved = console.postForm("/crm/admin/referrals/program", form("_csrf", find(CSRF, page),
                "active", "on", "rewardOn", "FIRST_ORDER", "referrerCampaignId", campaignId, "referredCampaignId", "",
                "referrerPoints", "500", "referredPoints", "300", "couponValidDays", "30", "monthlyLimit", "10",
                "confirmDays", "14"));
        assertThat(saved.status()).as(saved.body()).isIn(302, 303);
        JsonNode program = admin.get("/crm/api/referrals/program").json();
        assertThat(program.get("referrerReward").asText()).isEqualTo("COUPON");
        assertThat(program.get("referrerCampaignId").asText()).isEqualTo(campaignId);
        assertThat(program.get("referredReward").asText()).isEqualTo("POINTS");

        String member = shop.customer("referral-flow-member@example.jp", "紹介 会員", null);
        ShopClient memberShopper = ShopClient.signedIn("referral-flow-member@example.jp");
        JsonNode mine = memberShopper.get("/crm/api/me/referral").json();
        String code = mine.get("code").asText();
        URI link = URI.create(mine.get("link").asText());
        assertThat(link.getPath()).isEqualTo("/shop/register");
        assertThat(link.getQuery()).isEqualTo("ref=" + code);

        // The friend opens the link; a refused post keeps the code, the corrected one registers with it.
        ShopClient friend = new ShopClient(RunningShop.baseUrl(), null);
        String signUp = friend.get(link.getPath() + "?" + link.getRawQuery() + "&lang=ja").body();
        assertThat(find(Pattern.compile("name=\"referralCode\" value=\"([^\"]*)\""), signUp)).isEqualTo(code);
        String token = find(TOKEN, signUp);
        ShopClient.Response refused = friend.postForm("/shop/register", form("_token", token, "email", "not-an-address",
                "name", "紹介 友人", "locale", "ja", "referralCode", code));
        assertThat(refused.status()).isIn(302, 303);
        String again = friend.get("/shop/signin").body();
        assertThat(find(Pattern.compile("name=\"referralCode\" value=\"([^\"]*)\""), again)).isEqualTo(code);
        ShopClient.Response registered = friend.postForm("/shop/register", form("_token", token,
                "email", "referral-flow-friend@example.jp", "name", "紹介 友人", "locale", "ja", "referralCode", code));
        assertThat(registered.status()).isIn(302, 303);

        JsonNode referral = null;
        for (JsonNode r : admin.get("/crm/api/referrals").json()) {
            if (r.get("referrer").asText().equals(member)) {
                referral = r;
            }
        }
        assertThat(referral).as("the friend is the member's referral").isNotNull();
        String friendId = referral.get("referred").asText();
        assertThat(friendId).isNotEqualTo(member);
        assertThat(referral.get("state").asText()).isEqualTo("AWAITING_ORDER");
        String listed = console.get("/crm/admin/referrals?lang=en").body();
        assertThat(listed).contains("id=\"referral-" + referral.get("id").asText() + "\"")
                .contains("/customers/" + friendId).contains("Awaiting an order");

        String order = shop.placedOrder(friendId, List.of(new Line("TEA-001", "tea", 2, 5000)), null);
        shop.orderAction(order, "deliver", null);
        admin.setClock("2031-05-23T10:00:00+09:00");
        admin.runJob("referral-rewards");
        JsonNode rewarded = null;
        for (JsonNode r : admin.get("/crm/api/referrals").json()) {
            if (r.get("referred").asText().equals(friendId)) {
                rewarded = r;
            }
        }
        assertThat(rewarded.get("state").asText()).isEqualTo("REWARDED");
        assertThat(rewarded.get("referrerCampaignId").asText()).isEqualTo(campaignId);
        JsonNode coupons = memberShopper.get("/crm/api/me/coupons").json();
        assertThat(coupons.size()).isEqualTo(1);
        assertThat(console.get("/crm/admin/referrals?lang=en").body())
                .contains("Coupon: Referral thank-you coupon").contains("Rewarded");
        String account = memberShopper.get("/shop/account?lang=en").body();
        assertThat(account).contains("id=\"kz-referral-intro\"").contains("a coupon “Referral thank-you coupon”")
                .contains("id=\"kz-referral-coupons\"");
    }
}
