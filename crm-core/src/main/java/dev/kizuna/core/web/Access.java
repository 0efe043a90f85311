package dev.kizuna.core.web;

import java.util.EnumSet;
import java.util.Set;

/** Who may call a route. */
public record Access(Kind kind, Set<Role> roles) {
    public enum Kind { ANYONE, SHOPPER, ADMIN }

    public static Access anyone() {
        return new Access(Kind.ANYONE, Set.of());
    }

    public static Access shopper() {
        return new Access(Kind.SHOPPER, Set.of());
    }

    /** Console users with one of these roles; none given means every role. */
    public static Access admin(Role... roles) {
        return new Access(Kind.ADMIN, roles.length == 0 ? EnumSet.allOf(Role.class) : EnumSet.of(roles[0], roles));
    }
}
