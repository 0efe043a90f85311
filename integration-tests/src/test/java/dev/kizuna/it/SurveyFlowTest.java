package dev.kizuna.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.it.ShopClient.Line;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo shop's ready-made post-purchase survey: a delivered order, a week later one invitation mail, the link
 * answered once for 50 points, reuse and tampering refused, and the NPS in the results.
 */
class SurveyFlowTest {
    /** The shop's own API acts on orders for the shop: with the dev token. */
    final ShopClient shop = ShopClient.admin();
    final ShopClient admin = ShopClient.admin();

    @Test
    void a_delivered_order_gets_one_invitation_whose_link_pays_the_completion_points_once() {
        admin.setClock("2030-03-01T10:00:00+09:00");
        String email = "survey-flow@example.jp";
        String customer = shop.customer(email, "アンケート 花子", null);
        String order = shop.placedOrder(customer, List.of(new Line("TEA-002", "tea", 1, 2480)), null);
        shop.orderAction(order, "deliver", null);

        admin.setClock("2030-03-09T11:00:00+09:00");
        admin.runJob("survey-invitations");
        admin.runJob("survey-invitations");
        List<JsonNode> mails = invitationsTo(email);
        assertThat(mails).as("one invitation, even when the job runs twice").hasSize(1);
        Matcher link = Pattern.compile("/crm/survey/([A-Za-z0-9._~-]+)").matcher(mails.get(0).get("bodyHtml").asText());
        assertThat(link.find()).as("the mail carries the survey link").isTrue();
        String token = link.group(1);

        ShopClient.Response page = shop.get("/crm/survey/" + token);
        assertThat(page.status()).isEqualTo(200);
        Matcher version = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(page.body());
        assertThat(version.find()).isTrue();

        long before = available(customer);
        ShopClient.Response thanks = shop.postForm("/crm/survey/" + token,
                "version=" + version.group(1) + "&lang=ja&q.nps=9");
        assertThat(thanks.status()).as(thanks.body()).isEqualTo(200);
        assertThat(available(customer)).as("completion reward").isEqualTo(before + 50);

        assertThat(shop.postForm("/crm/survey/" + token, "version=" + version.group(1) + "&lang=ja&q.nps=10").status())
                .as("a used link").isEqualTo(410);
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        assertThat(shop.get("/crm/survey/" + tampered).status()).as("a tampered link").isIn(400, 403);
        assertThat(available(customer)).as("paid once").isEqualTo(before + 50);

        long survey = 0;
        for (JsonNode s : admin.get("/crm/api/surveys").json()) {
            if (s.get("code").asText().equals("post-purchase")) {
                survey = s.get("id").asLong();
            }
        }
        JsonNode results = admin.get("/crm/api/surveys/" + survey + "/results?from=2030-01-01&to=2030-12-31").json();
        assertThat(results.get("responded").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(results.get("nps").get("score").isNull()).as("an NPS is shown").isFalse();
    }

    long available(String customer) {
        return admin.get("/crm/api/customers/" + customer + "/points").get("available").asLong();
    }

    List<JsonNode> invitationsTo(String email) {
        java.util.ArrayList<JsonNode> out = new java.util.ArrayList<>();
        for (JsonNode m : admin.get("/crm/api/outbox?limit=500").json()) {
            if (m.get("to").asText().equals(email) && m.get("template").asText().startsWith("survey")) {
                out.add(m);
            }
        }
        return out;
    }
}
