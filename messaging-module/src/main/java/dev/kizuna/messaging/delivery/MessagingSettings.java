package dev.kizuna.messaging.delivery;

import dev.kizuna.core.KizunaConfig;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * The messaging configuration:
 * <ul>
 *   <li>{@code kizuna.messaging.sender-name}, {@code kizuna.messaging.sender-address} and
 *       {@code kizuna.messaging.sender-contact}: who sends, where they are and how to reach them, printed in every
 *       message as 特定電子メール法 (Act on Regulation of Transmission of Specified Electronic Mail) requires;</li>
 *   <li>{@code kizuna.messaging.cap-per-week} (2): marketing messages a customer gets at most in any 7 days, across
 *       broadcasts and journeys;</li>
 *   <li>{@code kizuna.messaging.quiet-hours} ({@code 21:00-09:00}, shop time; empty for none): no marketing message
 *       is sent in them;</li>
 *   <li>{@code kizuna.messaging.test-recipients}: where staff may send a test of a message ({@link TestRecipients});</li>
 *   <li>{@code kizuna.messaging.line-token} and {@code kizuna.messaging.line-api} (https://api.line.me): the LINE
 *       Messaging API channel access token and base address; without a token LINE messages wait.</li>
 * </ul>
 */
public record MessagingSettings(String senderName, String senderAddress, String senderContact, int capPerWeek,
                                QuietHours quietHours, String publicBaseUrl, String lineToken, String lineApi,
                                TestRecipients testRecipients) {

    public static MessagingSettings from(KizunaConfig c) {
        int cap = c.intValue("kizuna.messaging.cap-per-week", 2);
        if (cap < 1 || cap > 100) {
            throw new IllegalArgumentException("kizuna.messaging.cap-per-week: between 1 and 100");
        }
        String contact = c.get("kizuna.messaging.sender-contact").orElse("support@example.jp");
        return new MessagingSettings(
                c.get("kizuna.messaging.sender-name").orElse("Kizuna Shop"),
                c.get("kizuna.messaging.sender-address").orElse("〒100-0001 東京都千代田区千代田1-1"),
                contact,
                // set but empty means none, so not get(), which reads an empty value as unset
                cap, quietHours(c.asMap().getOrDefault("kizuna.messaging.quiet-hours", "21:00-09:00")),
                c.publicBaseUrl(), c.get("kizuna.messaging.line-token").orElse(""),
                c.get("kizuna.messaging.line-api").orElse("https://api.line.me"),
                TestRecipients.of(c.get("kizuna.messaging.test-recipients").orElse(null), contact));
    }

    static QuietHours quietHours(String text) {
        if (text.isBlank()) {
            return QuietHours.NONE;
        }
        String[] parts = text.split("-");
        try {
            if (parts.length != 2) {
                throw new DateTimeParseException("expected HH:MM-HH:MM", text, 0);
            }
            return new QuietHours(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("kizuna.messaging.quiet-hours: HH:MM-HH:MM, e.g. 21:00-09:00", e);
        }
    }
}
