package dev.kizuna.survey.profiling;

import java.util.List;

/** The persistence classes of progressive profiling, for the survey module's {@code entityClasses()}. */
public final class ProfilingEntities {
    private ProfilingEntities() {
    }

    public static List<Class<?>> all() {
        return List.of(ProfileQuestionEntity.class);
    }
}
