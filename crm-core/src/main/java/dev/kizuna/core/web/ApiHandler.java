package dev.kizuna.core.web;

/** Answers one API route: return a value (serialized as JSON, 200) or an {@link ApiResponse}. */
@FunctionalInterface
public interface ApiHandler {
    Object handle(ApiRequest request) throws Exception;
}
