package dev.kizuna.core.intake;

/**
 * Thrown by a handler when the event can never apply (a return of more units than the order has left): the event is
 * kept as REJECTED with this reason, visible to the merchant, and never retried.
 */
public class RejectEvent extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RejectEvent(String reason) {
        super(reason);
    }
}
