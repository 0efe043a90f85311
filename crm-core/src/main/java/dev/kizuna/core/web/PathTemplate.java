package dev.kizuna.core.web;

import dev.kizuna.core.errors.NotFound;

import java.util.HashMap;
import java.util.Map;

/**
 * A route's path pattern such as {@code /customers/{id}/rank}, split into segments: what the API's and the console's
 * routes match request paths against. The most specific match (most literal segments) wins.
 */
public record PathTemplate(String[] segments) {

    public static PathTemplate of(String pattern) {
        return new PathTemplate(split(pattern));
    }

    public static String[] split(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }

    /** The parameters a path binds, or null when it does not match. */
    public Map<String, String> bind(String[] path) {
        if (segments.length != path.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < segments.length; i++) {
            String p = segments[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                params.put(p.substring(1, p.length() - 1), path[i]);
            } else if (!p.equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    public int literals() {
        int n = 0;
        for (String s : segments) {
            if (!s.startsWith("{")) {
                n++;
            }
        }
        return n;
    }

    /** A parameter the route's template bound; asking for one it has not is a programming error. */
    public static String parameter(Map<String, String> bound, String name) {
        String v = bound.get(name);
        if (v == null) {
            throw new IllegalStateException("route has no parameter " + name);
        }
        return v;
    }

    /** A numeric id in the path: one that is not a number names nothing, so it is not found. */
    public static long idParameter(Map<String, String> bound, String name) {
        String v = parameter(bound, name);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new NotFound("no " + name + " " + v);
        }
    }
}
