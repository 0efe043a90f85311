package dev.kizuna.core.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.text.InputText;

import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

/**
 * The checks every API body, query and path parameter passes before a route sees it, so no route has to remember
 * them: no control characters in any string or field name ({@link InputText}; tab and line breaks are text), no
 * null inside a list ({@code "lines":[null]}), no integer beyond a {@code long}. Each refusal names the field.
 */
final class HostileInput {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private HostileInput() {
    }

    static void check(JsonNode root) {
        check(root, "");
    }

    /** {@code value}, refused if it holds a control character. */
    static String text(String field, String value) {
        int at = value == null ? -1 : InputText.firstControl(value);
        if (at >= 0) {
            throw new InvalidInput(field, "control-character", at + 1);
        }
        return value;
    }

    private static void check(JsonNode node, String path) {
        if (node.isTextual()) {
            text(path.isEmpty() ? "body" : path, node.textValue());
        } else if (node.isBigInteger()) {
            BigInteger v = node.bigIntegerValue();
            if (v.compareTo(LONG_MIN) < 0 || v.compareTo(LONG_MAX) > 0) {
                throw new InvalidInput(path.isEmpty() ? "body" : path, "number-out-of-range");
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String p = path + "[" + i + "]";
                if (node.get(i).isNull()) {
                    throw new InvalidInput(p, "required");
                }
                check(node.get(i), p);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                text(p, e.getKey());
                check(e.getValue(), p);
            }
        }
    }
}
