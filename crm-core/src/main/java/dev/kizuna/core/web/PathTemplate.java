package dev.kizuna.core.web;

import dev.kizuna.core.errors.NotFound;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A route's path pattern such as {@code /customers/{id}/rank}, split into segments: what {@link Router} matches
 * request paths against. A last segment {@code {name...}} binds the rest of the path (possibly empty), for pages
 * that route inside themselves. The most specific match (most literal segments) wins.
 */
public record PathTemplate(String[] segments) {

    public static PathTemplate of(String pattern) {
        String[] segments = split(pattern);
        for (int i = 0; i < segments.length - 1; i++) {
            if (isRest(segments[i])) {
                throw new IllegalArgumentException("only the last segment may take the rest of the path: " + pattern);
            }
        }
        return new PathTemplate(segments);
    }

    public static String[] split(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }

    private static boolean isRest(String segment) {
        return segment.startsWith("{") && segment.endsWith("...}");
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    /** The parameters a path binds, or null when it does not match. */
    public Map<String, String> bind(String[] path) {
        boolean rest = segments.length > 0 && isRest(segments[segments.length - 1]);
        int fixed = rest ? segments.length - 1 : segments.length;
        if (rest ? path.length < fixed : path.length != fixed) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < fixed; i++) {
            String p = segments[i];
            if (isParameter(p)) {
                params.put(p.substring(1, p.length() - 1), path[i]);
            } else if (!p.equals(path[i])) {
                return null;
            }
        }
        if (rest) {
            String name = segments[fixed];
            params.put(name.substring(1, name.length() - 4), String.join("/", Arrays.copyOfRange(path, fixed, path.length)));
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

    /** Two templates that match the same paths ({@code /a/{x}} and {@code /a/{y}}). */
    boolean sameShape(PathTemplate other) {
        if (segments.length != other.segments.length) {
            return false;
        }
        for (int i = 0; i < segments.length; i++) {
            String a = segments[i];
            String b = other.segments[i];
            boolean same = isParameter(a) && isParameter(b) ? isRest(a) == isRest(b) : a.equals(b);
            if (!same) {
                return false;
            }
        }
        return true;
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
