package dev.kizuna.core.ports;

import dev.kizuna.core.persistence.Tx;

import java.util.Map;

/**
 * What the mail delivery asks of the feature that wrote a mail: extra headers to send it with (a marketing mail's
 * {@code List-Unsubscribe}), and word that the SMTP server refused the address for good (a bounce), so the address
 * is not mailed again. The messaging feature provides it; without it mails go out with the kernel's headers only.
 */
public interface MailHooks {

    /**
     * Headers for the outbox mail {@code mailId} to member {@code memberId} (null for a mail to no member); empty for
     * a mail the feature did not write.
     */
    Map<String, String> headers(Tx tx, long mailId, Long memberId);

    /** The server refused the recipient of {@code mailId} permanently; {@code memberId} may be null. */
    void bounced(Tx tx, long mailId, Long memberId);
}
