package dev.kizuna.admin.console.users;

import dev.kizuna.core.web.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A row of {@code console_user}, as {@link AdminUsers} reads and writes it. */
@Entity
@Table(name = "console_user")
class ConsoleUserEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(nullable = false)
    String username;

    @Column(name = "display_name")
    String displayName;

    @Column(name = "password_hash", nullable = false)
    String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Role role;

    @Column(nullable = false)
    String locale;

    @Column(nullable = false)
    boolean disabled;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Column(name = "password_changed_at", nullable = false)
    Instant passwordChangedAt;

    @Column(name = "last_login_at")
    Instant lastLoginAt;

    AdminUser toUser() {
        return new AdminUser(id, username, displayName, role, locale, disabled, createdAt, passwordChangedAt,
                lastLoginAt);
    }
}
