package dev.kizuna.core.ports;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where modules offer their services to each other and to the console, by interface: the loyalty module provides
 * {@link RewardGranter}, the survey module asks for it. One provider per interface.
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

    public <T> T require(Class<T> port) {
        return find(port).orElseThrow(() -> new IllegalStateException("no module provides " + port.getSimpleName()));
    }
}
