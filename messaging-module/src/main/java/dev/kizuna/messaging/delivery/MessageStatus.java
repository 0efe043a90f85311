package dev.kizuna.messaging.delivery;

/** What became of a message decided for a customer ({@code message.status}). */
public enum MessageStatus {
    /** written, waiting for its channel (a LINE push) */
    QUEUED,
    /** handed to the channel: a mail in the outbox */
    SENT,
    /** the channel accepted it (LINE answered 200) */
    DELIVERED,
    /** the channel refused it for good */
    FAILED,
    /** in the campaign's comparison group: deliberately not sent */
    HOLDOUT,
    /** not sent: the customer had their marketing messages of the week */
    CAPPED
}
