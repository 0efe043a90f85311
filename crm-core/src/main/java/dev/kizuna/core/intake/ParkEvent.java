package dev.kizuna.core.intake;

/**
 * Thrown by a handler when the event refers to something not known yet (e.g. a return for an order line
 * Kizuna has not seen). The event is parked until {@link #waitingFor()} arrives, then replayed.
 */
public class ParkEvent extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String waitingFor;

    public ParkEvent(String waitingFor) {
        super("waiting for " + waitingFor);
        this.waitingFor = waitingFor;
    }

    public String waitingFor() {
        return waitingFor;
    }
}
