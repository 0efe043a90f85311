package dev.kizuna.admin.console.users;

import dev.kizuna.core.web.Role;

import java.time.Instant;

/** A console user as the user pages show it (never with the password hash). */
public record AdminUser(long id, String username, String displayName, Role role, String locale, boolean disabled,
                        Instant createdAt, Instant passwordChangedAt, Instant lastLoginAt) {
}
