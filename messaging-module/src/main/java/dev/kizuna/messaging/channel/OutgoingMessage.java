package dev.kizuna.messaging.channel;

/**
 * One rendered message for one customer: {@code html} for channels that show markup (mail), {@code text} for those
 * that show plain text (LINE).
 */
public record OutgoingMessage(long messageId, long memberId, String address, String locale, String subject,
                              String html, String text) {
}
