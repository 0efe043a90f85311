package dev.kizuna.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapper. Strict where money and points are concerned: 1.5 is not a whole number of points,
 * "100" is not a number.
 */
public final class Json {
    public static final ObjectMapper MAPPER = configured(JsonMapper.builder()).build();

    /** Deepest nesting an API body may have: request records are a few levels deep, 64 is generous. */
    public static final int MAX_DEPTH = 64;

    /**
     * The reader of what callers send (API bodies): {@link #MAPPER}'s rules, nesting at most {@link #MAX_DEPTH}
     * levels, numbers at most 100 digits, and dates between the years 1900 and 2200 in every java.time field.
     */
    public static final ObjectMapper INPUT = configured(JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxNumberLength(100).build())
            .build()))
            .addModule(new InputLimits())
            .build();

    private static JsonMapper.Builder configured(JsonMapper.Builder b) {
        return b.addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .serializationInclusion(JsonInclude.Include.NON_NULL);
    }

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read JSON: " + e.getOriginalMessage(), e);
        }
    }
}
