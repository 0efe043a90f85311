package dev.kizuna.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.spi.CustomerUpdated;
import dev.kizuna.core.spi.SearchPerformed;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.it.ShopClient.Line;
import dev.kizuna.survey.profiling.AskRule;
import dev.kizuna.survey.profiling.CustomerProfiles;
import dev.kizuna.survey.profiling.ProfileAnswerType;
import dev.kizuna.survey.profiling.ProfileQuestion;
import dev.kizuna.survey.profiling.ProfileQuestionAdmin;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PII sealed at rest, read as an attacker with a copy of the database would: a customer registers with a known
 * name, e-mail, phone and birth date, searches the shop, answers the post-purchase survey with free text and a
 * free-text profile question, gets the invitation mail, and then every text, json, bytea and array column of every table in schema
 * {@code kizuna} (inbox and outbox included) is searched for those values in any common form. A deliberately clear
 * value in a probe table shows the search finds what is there.
 */
class PiiAtRestTest {
    static final String EMAIL = "Quillon.Sealtest@Example.jp";
    static final String NAME = "蒼穹寺 Quillon";
    static final String PHONE = "+81 90 7731 4286";
    static final LocalDate BIRTH = LocalDate.of(1977, 11, 23);
    static final String SURVEY_TEXT = "the matcha tin arrived dented 4471";
    static final String PROFILE_TEXT = "quill profile note 8812";

    /** Substrings that must appear nowhere (compared without case). */
    static final List<String> CLEAR = List.of(EMAIL, "quillon.sealtest", "蒼穹寺", "Quillon", "7731 4286", "77314286",
            "9077314286", "7731-4286", "1977-11-23", "19771123", "1977/11/23", "1977年11月23日", "23/11/1977", "11/23/1977",
            "matcha tin arrived dented", PROFILE_TEXT);
    /** Whole values that must not be stored (the month and day alone). */
    static final List<String> EXACT = List.of("1123", "11-23", "--11-23", "11/23");

    final ShopClient shop = ShopClient.admin();
    final ShopClient admin = ShopClient.admin();
    final KizunaRuntime kizuna = RunningShop.get().kizuna();

    @Test
    void no_name_email_phone_birth_date_or_free_text_is_stored_in_clear_anywhere_in_schema_kizuna() {
        admin.setClock("2031-04-01T10:00:00+09:00");
        String customer = shop.customer(EMAIL, NAME, BIRTH.toString());
        kizuna.publisher().publish(new CustomerUpdated("pii-at-rest-phone", Instant.parse("2031-04-01T01:00:00Z"),
                customer, null, null, null, null, Map.of(), PHONE));
        // what the shopper typed into the shop's search box is free text too
        kizuna.publisher().publish(new SearchPerformed("pii-at-rest-search", Instant.parse("2031-04-01T01:05:00Z"),
                customer, "gift for Quillon 7731-4286", 0));
        String order = shop.placedOrder(customer, List.of(new Line("TEA-002", "tea", 1, 2480)), null);
        shop.orderAction(order, "deliver", null);

        // the survey: invitation mail, link, NPS 5 and the free text shown to detractors
        admin.setClock("2031-04-09T11:00:00+09:00");
        admin.runJob("survey-invitations");
        String body = null;
        for (JsonNode m : admin.get("/crm/api/outbox?limit=500").json()) {
            if (m.get("to").asText().equalsIgnoreCase(EMAIL) && m.get("template").asText().startsWith("survey")) {
                body = m.get("bodyHtml").asText();
            }
        }
        assertThat(body).as("the invitation mail, read in full by an admin").isNotNull();
        Matcher link = Pattern.compile("/crm/survey/([A-Za-z0-9._~-]+)").matcher(body);
        assertThat(link.find()).isTrue();
        ShopClient.Response page = shop.get("/crm/survey/" + link.group(1));
        Matcher version = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(page.body());
        assertThat(version.find()).as(page.body()).isTrue();
        ShopClient.Response thanks = shop.postForm("/crm/survey/" + link.group(1), "version=" + version.group(1)
                + "&lang=en&q.nps=5&q.improve=" + java.net.URLEncoder.encode(SURVEY_TEXT, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(thanks.status()).as(thanks.body()).isEqualTo(200);

        assertThat(admin.get("/crm/api/customers/" + customer + "/survey-responses").body())
                .as("the free text was stored (and opens for the merchant)").contains(SURVEY_TEXT);

        // a free-text profile question that is not flagged as personal data: free text is sealed all the same
        ProfileQuestionAdmin questions = kizuna.context().ports().require(ProfileQuestionAdmin.class);
        if (questions.questions().stream().noneMatch(q -> q.key().equals("pii_at_rest_note"))) {
            questions.create(new ProfileQuestion("pii_at_rest_note", LocalizedText.of("ひとこと", "A word for us"), ProfileAnswerType.TEXT,
                    List.of(), null, null, 1, false, null, List.of(), AskRule.ALWAYS_ASK, 0, true), "pii-at-rest-test");
        }
        kizuna.context().ports().require(CustomerProfiles.class).submit(customer, new CustomerProfiles.ProfileSubmission(
                "account", List.of(new CustomerProfiles.AnswerInput("pii_at_rest_note", List.of(PROFILE_TEXT))), List.of()));

        // what was stored is still there for those who may read it
        assertThat(kizuna.context().ports().require(CustomerProfiles.class).answers(customer))
                .anySatisfy(a -> assertThat(a.values().get(0).value()).isEqualTo(PROFILE_TEXT));
        // and the console's search finds the customer by the start of a name part, through the blind index
        JsonNode hits = admin.get("/crm/api/customers?q=quill").json().get("customers");
        assertThat(hits.findValuesAsText("customerRef")).contains(customer);
        assertThat(admin.get("/crm/api/customers?q=" + java.net.URLEncoder.encode(EMAIL.toLowerCase(),
                java.nio.charset.StandardCharsets.UTF_8)).json().get("customers").findValuesAsText("email")).containsExactly(EMAIL);

        List<String> found = kizuna.context().database().inTransaction(PiiAtRestTest::columnsHoldingClearValues);
        assertThat(found).as("columns of schema kizuna holding a clear value").isEmpty();
    }

    @Test
    void the_search_finds_a_clear_value_wherever_it_is() {
        List<String> found = new ArrayList<>();
        try {
            kizuna.context().database().execute(tx -> {
                tx.sql().update("CREATE TABLE pii_probe (id int, note text, doc jsonb, raw bytea, tags text[], birth_md text)");
                tx.sql().update("INSERT INTO pii_probe VALUES (1, 'call back ' || ?, ?::jsonb, convert_to(?, 'UTF8'), ARRAY[?], '1123')",
                        "quillon", "{\"n\": {\"x\": \"19771123\"}}", "蒼穹寺", "ok 7731-4286");
                found.addAll(columnsHoldingClearValues(tx));
                // rolled back with the transaction: the probe never stays
                throw new Rollback();
            });
        } catch (Rollback expected) {
            // the probe is gone
        }
        assertThat(found).contains("pii_probe.note", "pii_probe.doc", "pii_probe.raw", "pii_probe.tags",
                "pii_probe.birth_md");
    }

    static final class Rollback extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** {@code table.column} of every text, json, bytea or array column in schema kizuna that holds a clear value. */
    static List<String> columnsHoldingClearValues(Tx tx) {
        List<String[]> columns = tx.sql().list("""
                SELECT table_name, column_name, data_type FROM information_schema.columns c
                WHERE table_schema = 'kizuna'
                  AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY')
                  AND EXISTS (SELECT 1 FROM information_schema.tables t WHERE t.table_schema = c.table_schema
                              AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE')
                ORDER BY 1, 2""", rs -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
        assertThat(columns.stream().map(c -> c[0]).distinct()).as("the search reads every module's tables")
                .contains("member", "event_inbox", "mail_outbox", "survey_answer", "profile_answer", "points_entry",
                        "coupon_redemption", "audit_log", "job_run");
        List<String> found = new ArrayList<>();
        for (String[] c : columns) {
            String col = "\"" + c[1] + "\"";
            String table = "kizuna.\"" + c[0] + "\"";
            String holds = switch (c[2]) {
                case "bytea" -> "EXISTS (SELECT 1 FROM unnest(?::text[]) n WHERE position(convert_to(n, 'UTF8') IN " + col
                        + ") > 0 OR position(convert_to(lower(n), 'UTF8') IN " + col + ") > 0) OR " + col
                        + " = ANY(ARRAY(SELECT convert_to(x, 'UTF8') FROM unnest(?::text[]) x))";
                case "json", "jsonb" -> "EXISTS (SELECT 1 FROM unnest(?::text[]) n WHERE strpos(lower(" + col
                        + "::text), lower(n)) > 0) OR EXISTS (SELECT 1 FROM jsonb_path_query(" + col
                        + "::jsonb, 'strict $.**') v WHERE v #>> '{}' = ANY(?::text[]))";
                case "ARRAY" -> "EXISTS (SELECT 1 FROM unnest(?::text[]) n WHERE strpos(lower(" + col
                        + "::text), lower(n)) > 0) OR " + col + "::text[] && ?::text[]";
                default -> "EXISTS (SELECT 1 FROM unnest(?::text[]) n WHERE strpos(lower(" + col
                        + "::text), lower(n)) > 0) OR " + col + "::text = ANY(?::text[])";
            };
            long hits = tx.sql().number("SELECT count(*) FROM " + table + " WHERE " + holds,
                    tx.sql().textArray(CLEAR.toArray(String[]::new)), tx.sql().textArray(EXACT.toArray(String[]::new)));
            if (hits > 0) {
                found.add(c[0] + "." + c[1]);
            }
        }
        // dates: the birth date itself in any date column
        for (String[] c : tx.sql().list("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = 'kizuna' AND data_type = 'date' ORDER BY 1, 2""",
                rs -> new String[]{rs.getString(1), rs.getString(2)})) {
            if (tx.sql().number("SELECT count(*) FROM kizuna.\"" + c[0] + "\" WHERE \"" + c[1] + "\" = ?", BIRTH) > 0) {
                found.add(c[0] + "." + c[1]);
            }
        }
        return found;
    }
}
