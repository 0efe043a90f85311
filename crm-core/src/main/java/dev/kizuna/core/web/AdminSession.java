package dev.kizuna.core.web;

import java.io.Serializable;

/** The console user of a request: the user, role and the session's CSRF token (kept by the console's session store). */
public record AdminSession(String username, Role role, String csrfToken) implements Serializable {
    public static final String ATTRIBUTE = "kizuna.admin";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "_csrf";
}
