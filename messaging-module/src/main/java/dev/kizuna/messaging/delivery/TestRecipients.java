package dev.kizuna.messaging.delivery;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where staff may send a test of a message ({@code kizuna.messaging.test-recipients}): addresses, and domains written
 * {@code @shop.example.jp} (their subdomains included). A test renders a real customer's name, points and coupon,
 * so it goes only to the shop's own addresses. Unset: the domain of {@code kizuna.messaging.sender-contact} when that
 * is an e-mail address; {@code *} allows any address.
 */
public record TestRecipients(List<String> entries) {
    public static final TestRecipients ANY = new TestRecipients(List.of("*"));

    public TestRecipients {
        entries = entries.stream().map(e -> e.strip().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty()).toList();
        for (String e : entries) {
            if (!e.equals("*") && e.indexOf('@') < 0) {
                throw new IllegalArgumentException(
                        "kizuna.messaging.test-recipients: addresses or @domains separated by commas, or *; not " + e);
            }
        }
    }

    static TestRecipients of(String configured, String senderContact) {
        if (configured != null && !configured.isBlank()) {
            return new TestRecipients(Arrays.asList(configured.split(",")));
        }
        int at = senderContact.lastIndexOf('@');
        return at > 0 && senderContact.indexOf(' ') < 0
                ? new TestRecipients(List.of(senderContact.substring(at))) : ANY;
    }

    public boolean allows(String address) {
        String a = address.strip().toLowerCase(Locale.ROOT);
        String domain = a.substring(a.lastIndexOf('@') + 1);
        for (String e : entries) {
            if (e.equals("*") || e.equals(a)) {
                return true;
            }
            if (e.startsWith("@") && (domain.equals(e.substring(1)) || domain.endsWith("." + e.substring(1)))) {
                return true;
            }
        }
        return false;
    }

    /** The entries as staff read them in a refusal: {@code @example.jp、info@example.com}. */
    public String text(String separator) {
        return String.join(separator, entries);
    }
}
