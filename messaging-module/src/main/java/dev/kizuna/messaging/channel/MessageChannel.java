package dev.kizuna.messaging.channel;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.messaging.consent.Channel;

import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * A way to reach customers, behind which mail (the kernel's outbox and SMTP sender) and LINE (Messaging API push)
 * sit. A channel finds a customer's address on it and writes rendered messages in the caller's transaction, so a
 * message is sent only for a decision that committed.
 */
public interface MessageChannel {

    Channel channel();

    /** The customer's address on this channel (a mail address, a LINE user id), if they have one. */
    Optional<String> address(String customerRef);

    /**
     * Writes these messages for sending. Returns, in order, the outbox id of each mail, or null for a message the
     * channel sends later itself ({@link #sendsLater}).
     */
    List<Long> write(Tx tx, List<OutgoingMessage> messages);

    /**
     * A batch's messages made ready to write. A channel does a batch's CPU work (sealing) in {@link #prepare}, which
     * a broadcast runs beside the transaction writing the batch before; {@link #write(Tx, Prepared)} writes them.
     */
    interface Prepared {
        /** Only the messages at the positions set (those still to be sent when the batch is written), in order. */
        Prepared only(BitSet keep);
    }

    /** Messages that need no preparing: written as they are by {@link #write(Tx, List)}. */
    record AsRendered(List<OutgoingMessage> messages) implements Prepared {
        @Override
        public Prepared only(BitSet keep) {
            return new AsRendered(keep.stream().mapToObj(messages::get).toList());
        }
    }

    default Prepared prepare(Tx tx, List<OutgoingMessage> messages) {
        return new AsRendered(messages);
    }

    /** Writes prepared messages; returns what {@link #write(Tx, List)} returns for them. */
    default List<Long> write(Tx tx, Prepared prepared) {
        return write(tx, ((AsRendered) prepared).messages());
    }

    /** Whether written messages wait in Kizuna's message table for this channel's own delivery job (LINE). */
    boolean sendsLater();

    /** Whether the channel shows a message's plain-text form (LINE) rather than its HTML (mail). */
    default boolean showsText() {
        return false;
    }
}
