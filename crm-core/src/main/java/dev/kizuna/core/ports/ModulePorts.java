package dev.kizuna.core.ports;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where modules offer their services to each other and to the console, by interface: the loyalty module provides
 * {@link RewardGranter}, the survey module asks for it. One provider per interface, except the ports every feature
 * contributes to ({@link #contribute}).
 */
public final class ModulePorts {
    private final Map<Class<?>, Object> provided = new ConcurrentHashMap<>();

    public <T> void provide(Class<T> port, T implementation) {
        if (provided.putIfAbsent(port, implementation) != null) {
            throw new IllegalStateException(port.getSimpleName() + " is provided twice");
        }
    }

    public <T> Optional<T> find(Class<T> port) {
        return Optional.ofNullable(provided.get(port)).map(port::cast);
    }

    private final Map<Class<?>, List<Object>> contributed = new ConcurrentHashMap<>();

    /** Adds one of several implementations of a port every feature may contribute to (touchpoint sources). */
    public <T> void contribute(Class<T> port, T implementation) {
        contributed.computeIfAbsent(port, k -> new CopyOnWriteArrayList<>()).add(implementation);
    }

    /** Every contributed implementation of {@code port}, in the order the modules started. */
    public <T> List<T> all(Class<T> port) {
        return contributed.getOrDefault(port, List.of()).stream().map(port::cast).toList();
    }

    public <T> T require(Class<T> port) {
        return find(port).orElseThrow(() -> new IllegalStateException("no module provides " + port.getSimpleName()));
    }
}
