package dev.kizuna.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.kizuna.core.text.InputDates;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * What the API's reader refuses beyond the JSON itself: dates outside the years {@link InputDates} allows, in any
 * java.time field of any request record. The refusal is a mapping problem with the field's path
 * ({@link DateOutOfRange}), so the API names the field.
 */
final class InputLimits extends SimpleModule {
    private static final long serialVersionUID = 1L;

    InputLimits() {
        super("kizuna-input-limits");
        setDeserializerModifier(new BeanDeserializerModifier() {
            private static final long serialVersionUID = 1L;

            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription desc,
                                                          JsonDeserializer<?> deserializer) {
                Class<?> type = desc.getBeanClass();
                if (type == Instant.class || type == LocalDate.class || type == LocalDateTime.class
                        || type == OffsetDateTime.class || type == ZonedDateTime.class) {
                    return new Bounded(deserializer);
                }
                return deserializer;
            }
        });
    }

    /** A date outside the years 1900–2200. */
    static final class DateOutOfRange extends JsonMappingException {
        private static final long serialVersionUID = 1L;

        DateOutOfRange(JsonParser p) {
            super(p, "year out of range");
        }
    }

    private static final class Bounded extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;

        Bounded(JsonDeserializer<?> d) {
            super(d);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new Bounded(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = super.deserialize(p, ctxt);
            if (value != null && !sane(value)) {
                throw new DateOutOfRange(p);
            }
            return value;
        }

        private static boolean sane(Object value) {
            if (value instanceof Instant i) {
                return InputDates.sane(i);
            }
            TemporalAccessor t = (TemporalAccessor) value;
            return InputDates.sane(t.get(ChronoField.YEAR));
        }
    }
}
