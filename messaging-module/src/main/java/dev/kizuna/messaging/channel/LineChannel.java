package dev.kizuna.messaging.channel;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.spi.HostPorts;
import dev.kizuna.messaging.consent.Channel;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * LINE: the customer's LINE user id comes from the host's LINE Login ({@link HostPorts#lineUserId}); a message waits
 * in Kizuna's message table until the {@code line-delivery} job pushes it ({@link LinePush}).
 */
public final class LineChannel implements MessageChannel {
    private final HostPorts host;

    public LineChannel(HostPorts host) {
        this.host = host;
    }

    @Override
    public Channel channel() {
        return Channel.LINE;
    }

    @Override
    public Optional<String> address(String customerRef) {
        return host.lineUserId(customerRef).filter(id -> !id.isBlank());
    }

    @Override
    public List<Long> write(Tx tx, List<OutgoingMessage> messages) {
        return Collections.nCopies(messages.size(), null);
    }

    @Override
    public boolean sendsLater() {
        return true;
    }

    @Override
    public boolean showsText() {
        return true;
    }
}
