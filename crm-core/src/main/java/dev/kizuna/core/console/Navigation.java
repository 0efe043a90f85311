package dev.kizuna.core.console;

import dev.kizuna.core.web.Role;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The console's menu, contributed by the shell and each feature module: each entry shows only to the roles that may
 * open its page, in ascending {@code order} (the shell's dashboard and customers first, its jobs, audit and users
 * last; features between).
 */
public final class Navigation {

    /** {@code id} names the entry in the page ({@code nav-customers}) and marks the active one. */
    public record Item(String id, String labelKey, String path, Set<Role> roles, int order) {
        public Item {
            roles = Set.copyOf(roles);
        }
    }

    private final List<Item> items = new CopyOnWriteArrayList<>();

    public void add(Item item) {
        if (items.stream().anyMatch(i -> i.id().equals(item.id()))) {
            throw new IllegalStateException("two menu entries " + item.id());
        }
        items.add(item);
    }

    public List<Item> forRole(Role role) {
        return items.stream().filter(i -> i.roles().contains(role))
                .sorted(Comparator.comparingInt(Item::order).thenComparing(Item::id)).toList();
    }

    public List<Item> all() {
        return items.stream().sorted(Comparator.comparingInt(Item::order).thenComparing(Item::id)).toList();
    }
}
