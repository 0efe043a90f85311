package dev.kizuna.core.web;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * JSON Schemas (2020-12, the dialect of OpenAPI 3.1) of the Java types the API reads and writes, derived the way
 * {@code Json.MAPPER} serializes them: a record is an object of its components (renamed by {@code @JsonProperty},
 * without {@code @JsonIgnore}d ones), lists are arrays, maps objects, enums their names, {@code java.time} values
 * ISO strings. Every value may be null or absent (the mapper leaves nulls out) and objects may carry more properties
 * (derived getters), so a schema says what each named property is without pinning what is optional. A type whose
 * JSON the mapper makes differently ({@code @JsonValue}, an interface, a map of anything) is any value.
 */
public final class JsonSchemas {
    private JsonSchemas() {
    }

    /** {@code List<element>}, for a route answering an array. */
    public static Type listOf(Class<?> element) {
        return new ParameterizedType() {
            @Override
            public Type[] getActualTypeArguments() {
                return new Type[]{element};
            }

            @Override
            public Type getRawType() {
                return List.class;
            }

            @Override
            public Type getOwnerType() {
                return null;
            }

            @Override
            public String toString() {
                return "List<" + element.getSimpleName() + ">";
            }
        };
    }

    public static Map<String, Object> of(Type type) {
        return schema(type, Map.of(), new HashSet<>());
    }

    private static Map<String, Object> schema(Type type, Map<TypeVariable<?>, Type> bindings, Set<Class<?>> open) {
        if (type instanceof TypeVariable<?> v) {
            Type bound = bindings.get(v);
            return bound == null ? any() : schema(bound, Map.of(), open);
        }
        if (type instanceof WildcardType w) {
            return schema(w.getUpperBounds()[0], bindings, open);
        }
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return nullable(array(schema(args[0], bindings, open)));
            }
            if (Map.class.isAssignableFrom(raw)) {
                Map<String, Object> s = object();
                s.put("additionalProperties", schema(args[1], bindings, open));
                return nullable(s);
            }
            if (raw.isRecord()) {
                Map<TypeVariable<?>, Type> bound = new HashMap<>();
                TypeVariable<?>[] vars = raw.getTypeParameters();
                for (int i = 0; i < vars.length; i++) {
                    bound.put(vars[i], resolve(args[i], bindings));
                }
                return record(raw, bound, open);
            }
            return any();
        }
        Class<?> c = (Class<?>) type;
        if (c.isPrimitive()) {
            return primitive(c);
        }
        if (c == String.class || c == Character.class || c == UUID.class || c == URI.class) {
            return nullable(typed("string"));
        }
        if (c == Integer.class || c == Long.class || c == Short.class || c == Byte.class || c == BigInteger.class) {
            return nullable(typed("integer"));
        }
        if (c == Double.class || c == Float.class || c == BigDecimal.class) {
            return nullable(typed("number"));
        }
        if (c == Boolean.class) {
            return nullable(typed("boolean"));
        }
        if (c == Instant.class || c == OffsetDateTime.class || c == ZonedDateTime.class || c == LocalDateTime.class) {
            return nullable(formatted("date-time"));
        }
        if (c == LocalDate.class) {
            return nullable(formatted("date"));
        }
        if (c.getPackageName().equals("java.time")) {
            return nullable(typed("string"));
        }
        if (c == JsonNode.class || c == Object.class || hasJsonValue(c)) {
            return any();
        }
        if (c.isEnum()) {
            return nullable(enumeration(c));
        }
        if (c.isArray()) {
            return c.getComponentType() == byte.class ? nullable(typed("string"))
                    : nullable(array(schema(c.getComponentType(), bindings, open)));
        }
        if (Collection.class.isAssignableFrom(c)) {
            return nullable(array(any()));
        }
        if (Map.class.isAssignableFrom(c)) {
            return nullable(object());
        }
        if (c.isRecord()) {
            return record(c, Map.of(), open);
        }
        return any();
    }

    private static Type resolve(Type t, Map<TypeVariable<?>, Type> bindings) {
        return t instanceof TypeVariable<?> v && bindings.containsKey(v) ? bindings.get(v) : t;
    }

    private static Map<String, Object> record(Class<?> c, Map<TypeVariable<?>, Type> bindings, Set<Class<?>> open) {
        if (!open.add(c)) {
            return any(); // a record that contains itself: the inner one is not described again
        }
        try {
            Map<String, Object> properties = new LinkedHashMap<>();
            for (RecordComponent rc : c.getRecordComponents()) {
                Method accessor = rc.getAccessor();
                if (rc.isAnnotationPresent(JsonIgnore.class) || accessor.isAnnotationPresent(JsonIgnore.class)) {
                    continue;
                }
                JsonProperty named = rc.getAnnotation(JsonProperty.class) != null ? rc.getAnnotation(JsonProperty.class)
                        : accessor.getAnnotation(JsonProperty.class);
                String name = named != null && !named.value().isEmpty() ? named.value() : rc.getName();
                properties.put(name, schema(rc.getGenericType(), bindings, open));
            }
            Map<String, Object> s = object();
            s.put("title", c.getSimpleName());
            s.put("properties", properties);
            return nullable(s);
        } finally {
            open.remove(c);
        }
    }

    private static boolean hasJsonValue(Class<?> c) {
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                if (m.isAnnotationPresent(JsonValue.class)) {
                    return true;
                }
            }
        }
        return c.isInterface();
    }

    private static Map<String, Object> enumeration(Class<?> c) {
        List<String> names = new ArrayList<>();
        for (Object constant : c.getEnumConstants()) {
            String name = ((Enum<?>) constant).name();
            try {
                Field f = c.getField(name);
                JsonProperty p = f.getAnnotation(JsonProperty.class);
                names.add(p != null && !p.value().isEmpty() ? p.value() : name);
            } catch (NoSuchFieldException e) {
                names.add(name);
            }
        }
        Map<String, Object> s = typed("string");
        s.put("enum", names);
        return s;
    }

    private static Map<String, Object> primitive(Class<?> c) {
        if (c == boolean.class) {
            return typed("boolean");
        }
        if (c == double.class || c == float.class) {
            return typed("number");
        }
        return c == char.class ? typed("string") : typed("integer");
    }

    private static Map<String, Object> array(Map<String, Object> items) {
        Map<String, Object> s = typed("array");
        s.put("items", items);
        return s;
    }

    private static Map<String, Object> object() {
        return typed("object");
    }

    private static Map<String, Object> formatted(String format) {
        Map<String, Object> s = typed("string");
        s.put("format", format);
        return s;
    }

    private static Map<String, Object> typed(String type) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", type);
        return s;
    }

    private static Map<String, Object> any() {
        return new LinkedHashMap<>();
    }

    /** The same schema that also admits null (an absent value arrives as null where a list holds it). */
    private static Map<String, Object> nullable(Map<String, Object> s) {
        Object t = s.get("type");
        if (t instanceof String name) {
            s.put("type", List.of(name, "null"));
            if (s.get("enum") instanceof List<?> values) {
                List<Object> withNull = new ArrayList<>(values);
                withNull.add(null);
                s.put("enum", withNull);
            }
        }
        return s;
    }
}
