package dev.kizuna.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The foundation as a user scripting the demo meets it: problem bodies, admin-only APIs, jobs, outbox. */
class FoundationApiTest {
    final ShopClient shop = ShopClient.shop();
    final ShopClient admin = ShopClient.admin();

    @Test
    void bad_input_gets_a_problem_body_naming_the_field_and_creates_nothing() {
        String id = shop.customer("problem@example.jp", "Problem", null);
        assertThat(shop.post("/shop/api/orders", """
                {"customerId":"%s","currency":"JPY","lines":[{"sku":"TEA-001","quantity":1,"unitPrice":1000}]}"""
                .formatted(id)).status()).as("placing an order needs the shopper or the dev token").isEqualTo(401);
        long ordersBefore = submittedOrders();
        ShopClient.Response r = admin.post("/shop/api/orders", """
                {"customerId":"%s","currency":"JPY","lines":[{"sku":"TEA-001","category":"tea","quantity":-1,"unitPrice":1000}]}"""
                .formatted(id));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.get("field").asText()).isEqualTo("lines[0].quantity");

        ShopClient.Response fractional = admin.post("/shop/api/orders", """
                {"customerId":"%s","currency":"JPY","lines":[{"sku":"TEA-001","quantity":1,"unitPrice":10.5}]}""".formatted(id));
        assertThat(fractional.status()).isEqualTo(400);
        assertThat(fractional.get("field").asText()).isEqualTo("lines[0].unitPrice");

        ShopClient.Response badDate = shop.post("/shop/api/customers", "{\"email\":\"x@example.jp\",\"name\":\"X\",\"birthDate\":\"1990-13-40\"}");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.get("field").asText()).isEqualTo("birthDate");

        ShopClient.Response unknownCustomer = admin.post("/shop/api/orders", """
                {"customerId":"999999","currency":"JPY","lines":[{"sku":"TEA-001","quantity":1,"unitPrice":1000}]}""");
        assertThat(unknownCustomer.status()).isEqualTo(400);
        assertThat(unknownCustomer.get("field").asText()).isEqualTo("customerId");

        assertThat(submittedOrders()).as("no order reached Kizuna").isEqualTo(ordersBefore);
    }

    long submittedOrders() {
        long n = 0;
        for (JsonNode e : admin.get("/crm/api/events?limit=500").json()) {
            if (e.get("type").asText().equals("OrderSubmitted")) {
                n++;
            }
        }
        return n;
    }

    @Test
    void kizuna_admin_apis_refuse_anonymous_callers() {
        ShopClient.Response r = shop.get("/crm/api/jobs");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(new ShopClient(RunningShop.baseUrl(), "wrong-token").get("/crm/api/outbox").status()).isEqualTo(401);
    }

    @Test
    void jobs_are_listed_with_schedules_and_run_now_answers_with_the_outcome() {
        JsonNode jobs = admin.get("/crm/api/jobs").json();
        assertThat(jobs.findValuesAsText("name")).contains("event-retry", "mail-delivery");
        for (JsonNode j : jobs) {
            assertThat(j.get("schedule").asText()).isNotBlank();
        }
        JsonNode run = admin.runJob("event-retry");
        assertThat(run.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.get("outcome").asText()).startsWith("applied ");
        JsonNode listed = admin.get("/crm/api/jobs/event-retry").json();
        assertThat(listed.get("lastRun").get("id").asLong()).isEqualTo(run.get("id").asLong());
    }

    @Test
    void the_outbox_lists_mails_newest_first() {
        JsonNode mails = admin.get("/crm/api/outbox").json();
        assertThat(mails.isArray()).isTrue();
        for (int i = 1; i < mails.size(); i++) {
            assertThat(mails.get(i - 1).get("id").asLong()).isGreaterThan(mails.get(i).get("id").asLong());
        }
    }
}
