package dev.kizuna.core.console;

/** Answers one console route. */
@FunctionalInterface
public interface PageHandler {
    PageResult handle(PageRequest request) throws Exception;
}
