package dev.kizuna.core.web;

import java.util.Map;

/** A handler's answer when the default (200, JSON body) does not fit: another status, CSV, headers. */
public record ApiResponse(int status, Object body, String contentType, Map<String, String> headers) {

    public static ApiResponse created(Object body) {
        return new ApiResponse(201, body, "application/json", Map.of());
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, null, Map.of());
    }

    public static ApiResponse csv(String filename, String csv) {
        return new ApiResponse(200, csv, "text/csv; charset=UTF-8",
                Map.of("Content-Disposition", "attachment; filename=\"" + filename + "\""));
    }
}
