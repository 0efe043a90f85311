package dev.kizuna.messaging.channel;

import dev.kizuna.core.mail.MailOutbox;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.spi.HostPorts;
import dev.kizuna.messaging.consent.Channel;

import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/** Mail through the kernel's outbox: one outbox row per message, keyed by the message so it is written once. */
public final class MailChannel implements MessageChannel {
    /** The outbox's template name of messaging mails (shown in the outbox). */
    public static final String TEMPLATE = "messaging";

    private final MailOutbox outbox;
    private final HostPorts host;

    public MailChannel(MailOutbox outbox, HostPorts host) {
        this.outbox = outbox;
        this.host = host;
    }

    @Override
    public Channel channel() {
        return Channel.MAIL;
    }

    @Override
    public Optional<String> address(String customerRef) {
        return host.contact(customerRef).map(HostPorts.Contact::email).filter(e -> !e.isBlank());
    }

    @Override
    public List<Long> write(Tx tx, List<OutgoingMessage> messages) {
        return write(tx, prepare(tx, messages));
    }

    /** Mails with their outbox ids, sealed: a batch's sealing done before the transaction that writes it. */
    record Sealed(MailOutbox.Sealed mails) implements Prepared {
        @Override
        public Prepared only(BitSet keep) {
            return new Sealed(mails.only(keep));
        }
    }

    @Override
    public Prepared prepare(Tx tx, List<OutgoingMessage> messages) {
        return new Sealed(outbox.seal(tx, messages.stream().map(m -> new MailOutbox.Rendered(m.memberId(), m.address(),
                m.locale(), TEMPLATE, m.subject(), m.html(), null)).toList()));
    }

    /**
     * Copied in without a dedupe key: a message is mailed at most once by its own unique key, which is written in
     * the same transaction, so a key on the mail would only cost each of a broadcast's mails another index entry.
     */
    @Override
    public List<Long> write(Tx tx, Prepared prepared) {
        return outbox.writeNew(tx, ((Sealed) prepared).mails());
    }

    @Override
    public boolean sendsLater() {
        return false;
    }
}
