package dev.kizuna.core.ports;

import dev.kizuna.core.persistence.Tx;

/**
 * Whether the host has an order, for work that would otherwise undo what the order holds (giving back the points of
 * a lapsed hold). The kernel provides it.
 */
public interface OrderPresence {

    /**
     * True when Kizuna received the order's submission (in the inbox, in any state), the host outbox holds an event of
     * it, or the host's {@code HostOrders} finds it. Also true when the host's orders cannot be asked right now: a
     * hold is never given back on a guess.
     */
    boolean hostHas(Tx tx, String orderRef);
}
