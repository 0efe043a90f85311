package dev.kizuna.messaging.channel;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.messaging.consent.Channel;

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

    /** Whether written messages wait in Kizuna's message table for this channel's own delivery job (LINE). */
    boolean sendsLater();

    /** Whether the channel shows a message's plain-text form (LINE) rather than its HTML (mail). */
    default boolean showsText() {
        return false;
    }
}
