package dev.kizuna.core.intake;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.spi.HostEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The handlers subscribed to host events, run in priority order (lower first; Kizuna's own mirror of customers
 * and orders runs at 0 so features can read it). Handlers have names so failures and the console can say which.
 */
public final class EventBus {
    public static final int MIRROR = 0;
    public static final int FEATURE = 100;

    private record Subscription<E extends HostEvent>(Class<E> type, String name, int priority, EventHandler<E> handler) {
        void deliver(HostEvent event, Tx tx) throws Exception {
            handler.handle(type.cast(event), tx);
        }
    }

    private final List<Subscription<?>> subscriptions = new CopyOnWriteArrayList<>();

    public <E extends HostEvent> void on(Class<E> type, String name, int priority, EventHandler<E> handler) {
        subscriptions.add(new Subscription<>(type, name, priority, handler));
    }

    void dispatch(HostEvent event, Tx tx) throws HandlerFailure {
        List<Subscription<?>> matching = new ArrayList<>();
        for (Subscription<?> s : subscriptions) {
            if (s.type().isInstance(event)) {
                matching.add(s);
            }
        }
        matching.sort(Comparator.comparingInt((Subscription<?> s) -> s.priority()).thenComparing(s -> s.name()));
        for (Subscription<?> s : matching) {
            try {
                s.deliver(event, tx);
            } catch (ParkEvent park) {
                throw park;
            } catch (Exception e) {
                throw new HandlerFailure(s.name(), e);
            }
        }
    }

    /** A named handler failed; the whole event rolls back and waits for retry. */
    static final class HandlerFailure extends Exception {
        private static final long serialVersionUID = 1L;

        HandlerFailure(String handler, Exception cause) {
            super(handler + ": " + cause, cause);
        }
    }
}
