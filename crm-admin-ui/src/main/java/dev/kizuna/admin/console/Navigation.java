package dev.kizuna.admin.console;

import dev.kizuna.core.web.Role;

import java.util.List;
import java.util.Set;

/** The console's menu: each entry shows only to the roles that may open its page. */
public final class Navigation {

    /** {@code id} names the entry in the page ({@code nav-customers}) and marks the active one. */
    public record Item(String id, String labelKey, String path, Set<Role> roles) {
    }

    static final List<Item> ITEMS = List.of(
            new Item("dashboard", "nav.dashboard", "/", ConsoleRoutes.EVERY_ROLE),
            new Item("customers", "nav.customers", "/customers", ConsoleRoutes.CUSTOMERS),
            new Item("points", "nav.points", "/points", ConsoleRoutes.CONFIGURE),
            new Item("ranks", "nav.ranks", "/ranks", ConsoleRoutes.CONFIGURE),
            new Item("coupons", "nav.coupons", "/coupons", ConsoleRoutes.CONFIGURE),
            new Item("birthday", "nav.birthday", "/coupons/birthday", ConsoleRoutes.CONFIGURE),
            new Item("surveys", "nav.surveys", "/surveys", ConsoleRoutes.CONFIGURE),
            new Item("profile-questions", "nav.profile-questions", "/profile-questions", ConsoleRoutes.CONFIGURE),
            new Item("segments", "nav.segments", "/segments", ConsoleRoutes.CONFIGURE),
            new Item("jobs", "nav.jobs", "/jobs", ConsoleRoutes.CONFIGURE),
            new Item("audit", "nav.audit", "/audit", ConsoleRoutes.ADMIN_ONLY),
            new Item("users", "nav.users", "/users", ConsoleRoutes.ADMIN_ONLY));

    private Navigation() {
    }

    public static List<Item> forRole(Role role) {
        return ITEMS.stream().filter(i -> i.roles().contains(role)).toList();
    }
}
