package dev.kizuna.api;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.KizunaTest;
import dev.kizuna.core.web.OpenApiDocument;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document of an install with every module: served at {@code /crm/api/openapi.json}, valid against the
 * OpenAPI 3.1 meta-schema (the specification repository's {@code src/schemas/validation/schema.yaml} of the
 * {@code v3.1-dev} branch as JSON, in the test resources), with a summary for every route the API dispatches on.
 * That every API test's traffic conforms to it is {@code ApiClient}'s check.
 */
@KizunaTest
class OpenApiContractTest {

    @Test
    void every_route_the_api_dispatches_on_has_a_description(KizunaRuntime kizuna) {
        assertThat(OpenApiDocument.undescribed(kizuna.context().api())).as("routes without a description").isEmpty();
        assertThat(kizuna.context().api().all()).hasSizeGreaterThan(80);
    }

    @Test
    void the_served_document_is_valid_openapi_3_1(ApiClient api) throws IOException {
        ApiClient.Reply served = api.call(new ApiClient.Nobody(), "GET", "/openapi.json", null);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.json().path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(served.json().path("paths").has("/webhooks/{id}/deliveries/{webhookId}/replay")).isTrue();

        List<Error> errors = metaSchema().validate(served.text(), InputFormat.JSON);

        assertThat(errors).as("the document against the OpenAPI 3.1 meta-schema").isEmpty();
    }

    @Test
    void the_meta_schema_refuses_a_document_that_breaks_it() throws IOException {
        List<Error> errors = metaSchema().validate("{\"openapi\":\"3.1.0\",\"info\":{\"version\":\"1\"},"
                + "\"paths\":{\"jobs\":{}}}", InputFormat.JSON);

        assertThat(errors).as("no title, a path without its slash").isNotEmpty();
    }

    private static Schema metaSchema() throws IOException {
        try (InputStream in = OpenApiContractTest.class.getResourceAsStream("/openapi/oas-3.1-schema.json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(json, InputFormat.JSON);
        }
    }
}
