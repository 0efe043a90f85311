package dev.kizuna.core.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import dev.kizuna.core.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How a body that does not fit its record is explained to the caller: the field and a plain reason. */
class ApiRequestTest {
    record Adjustment(long points, String reason) {
    }

    record Batch(java.util.List<Adjustment> lines) {
    }

    @Test
    void a_missing_or_null_whole_number_is_required_naming_the_field() {
        for (String body : new String[]{"{\"reason\":\"x\"}", "{\"points\":null,\"reason\":\"x\"}"}) {
            JsonMappingException e = catchThrowableOfType(JsonMappingException.class,
                    () -> Json.MAPPER.readValue(body, Adjustment.class));
            assertThat(e).as(body).isNotNull();
            assertThat(ApiRequest.fieldPath(e)).isEqualTo("points");
            assertThat(ApiRequest.problem(e).key()).isEqualTo("required");
            assertThat(ApiRequest.problem(e).reason()).isEqualTo("is required");
            assertThat(ApiRequest.problem(e).field()).isEqualTo("points");
        }
    }

    @Test
    void a_fraction_where_a_whole_number_belongs_is_named_with_its_position() {
        JsonMappingException e = catchThrowableOfType(JsonMappingException.class,
                () -> Json.MAPPER.readValue("{\"lines\":[{\"points\":1,\"reason\":\"a\"},{\"points\":2.5,\"reason\":\"b\"}]}",
                        Batch.class));
        assertThat(ApiRequest.fieldPath(e)).isEqualTo("lines[1].points");
        assertThat(ApiRequest.problem(e).key()).isEqualTo("whole-number");
        assertThat(ApiRequest.problem(e).reason()).isEqualTo("must be a whole number");
    }
}
