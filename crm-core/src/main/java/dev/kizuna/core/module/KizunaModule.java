package dev.kizuna.core.module;

import java.util.List;

/**
 * A feature module (loyalty, survey, segment ...), found with {@link java.util.ServiceLoader} so the host never
 * names the modules it runs. Before start, a module contributes its schema (its own Flyway folder and history)
 * and its Hibernate entities; in {@link #start} it subscribes handlers, registers jobs, API routes and the
 * ports it provides to other modules.
 */
public interface KizunaModule {

    /** Short name, also the Flyway history table suffix and the migration folder: db/migration/NAME. */
    String name();

    /** Modules start in ascending order (core features first); ties by name. */
    default int startOrder() {
        return 100;
    }

    default String migrationLocation() {
        return "classpath:db/migration/" + name();
    }

    default List<Class<?>> entityClasses() {
        return List.of();
    }

    void start(KizunaContext context);
}
