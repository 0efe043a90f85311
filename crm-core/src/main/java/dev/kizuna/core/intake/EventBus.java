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

    /** One of {@code handler} and {@code batchHandler} is set. */
    private record Subscription<E extends HostEvent>(Class<E> type, String name, int priority, EventHandler<E> handler,
                                                     EventBatchHandler<E> batchHandler) {
        void deliver(HostEvent event, Tx tx) throws Exception {
            if (handler != null) {
                handler.handle(type.cast(event), tx);
            } else {
                batchHandler.handleAll(List.of(type.cast(event)), tx);
            }
        }

        void deliverAll(List<? extends HostEvent> events, Tx tx) throws Exception {
            List<E> typed = new ArrayList<>(events.size());
            for (HostEvent e : events) {
                typed.add(type.cast(e));
            }
            batchHandler.handleAll(typed, tx);
        }
    }

    private final List<Subscription<?>> subscriptions = new CopyOnWriteArrayList<>();

    public <E extends HostEvent> void on(Class<E> type, String name, int priority, EventHandler<E> handler) {
        subscriptions.add(new Subscription<>(type, name, priority, handler, null));
    }

    /**
     * Subscribes a handler that can take several events of {@code type} from one published batch at once. When every
     * handler of a type is such a handler, a run of consecutive new events of that type is delivered as one list to
     * each handler in priority order (so a feature handler sees the mirror's effects of the whole run).
     */
    public <E extends HostEvent> void onBatch(Class<E> type, String name, int priority, EventBatchHandler<E> handler) {
        subscriptions.add(new Subscription<>(type, name, priority, null, handler));
    }

    /** Whether events of {@code type} have handlers and all of them take batches. */
    boolean takesBatches(Class<? extends HostEvent> type) {
        List<Subscription<?>> matching = matching(type);
        return !matching.isEmpty() && matching.stream().allMatch(s -> s.batchHandler() != null);
    }

    /**
     * Delivers events of one type (see {@link #takesBatches}) to each handler at once. Any failure, including a
     * {@link ParkEvent}, is thrown as it is: the caller then takes the events one at a time.
     */
    void dispatchAll(Class<? extends HostEvent> type, List<? extends HostEvent> events, Tx tx) throws Exception {
        for (Subscription<?> s : matching(type)) {
            s.deliverAll(events, tx);
        }
    }

    private List<Subscription<?>> matching(Class<?> eventType) {
        List<Subscription<?>> matching = new ArrayList<>();
        for (Subscription<?> s : subscriptions) {
            if (s.type().isAssignableFrom(eventType)) {
                matching.add(s);
            }
        }
        matching.sort(Comparator.comparingInt((Subscription<?> s) -> s.priority()).thenComparing(s -> s.name()));
        return matching;
    }

    void dispatch(HostEvent event, Tx tx) throws HandlerFailure {
        for (Subscription<?> s : matching(event.getClass())) {
            try {
                s.deliver(event, tx);
            } catch (ParkEvent | RejectEvent decided) {
                throw decided;
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
