package dev.kizuna.core.web;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.TestKizuna;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test kit's contract check fails an exchange the document does not describe, and passes one it does. */
class ApiContractTest {
    record Balance(long points, Instant at, List<String> notes) {
    }

    static KizunaRuntime kizuna;
    static ApiClient api;

    @BeforeAll
    static void install() {
        kizuna = TestKizuna.install();
        ApiRoutes routes = kizuna.context().api();
        routes.doc("A balance as declared").returns(Balance.class).get("/test/balance", Access.anyone(),
                r -> new Balance(5, Instant.parse("2026-12-01T00:00:00Z"), List.of("a")));
        routes.doc("A balance whose points are text").returns(Balance.class).get("/test/drifted", Access.anyone(),
                r -> Map.of("points", "many"));
        routes.doc("Declared 200, answers 201").returns(Balance.class).post("/test/created", Access.anyone(),
                r -> ApiResponse.created(new Balance(1, null, List.of())));
        // answers without reading the body, so only the contract can notice a body of another shape
        routes.doc("Takes a balance").body(Balance.class).returns(Balance.class).post("/test/take", Access.anyone(),
                r -> new Balance(0, null, List.of()));
        api = new ApiClient(kizuna);
    }

    @AfterAll
    static void close() {
        api.close();
        kizuna.close();
    }

    @Test
    void an_answer_that_matches_its_schema_passes() {
        assertThat(api.call(new ApiClient.Nobody(), "GET", "/test/balance", null).status()).isEqualTo(200);
    }

    @Test
    void an_answer_of_another_shape_fails() {
        assertThatThrownBy(() -> api.call(new ApiClient.Nobody(), "GET", "/test/drifted", null))
                .isInstanceOf(AssertionError.class).hasMessageContaining("breaks the OpenAPI contract")
                .hasMessageContaining("points");
    }

    @Test
    void a_success_status_the_document_does_not_list_fails() {
        assertThatThrownBy(() -> api.call(new ApiClient.Nobody(), "POST", "/test/created", "{}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("does not list status 201");
    }

    @Test
    void an_accepted_request_is_held_to_its_schema_and_a_refused_one_is_a_problem() {
        assertThatThrownBy(() -> api.call(new ApiClient.Nobody(), "POST", "/test/take", "{\"points\":\"one\"}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("(request)");
        assertThat(api.call(new ApiClient.Nobody(), "POST", "/test/take", "{\"points\":1,\"notes\":[\"x\"]}").status())
                .isEqualTo(200);
        assertThat(api.call(new ApiClient.Nobody(), "GET", "/no/such/route", null).status()).isEqualTo(404);
    }
}
