package dev.kizuna.core.text;

/**
 * The one check of an e-mail address's shape, used by the host events, the API and the demo shop. It is a single
 * left-to-right scan (no regular expression), so its cost is linear in the input even for hostile strings: a
 * 64 KB "address" is refused as fast as it is read. The shape is what mail systems accept in practice (RFC 5321
 * lengths): one {@code @}, a local part of 1–64 characters and a domain of 1–255 characters with at least one dot,
 * no empty labels, no whitespace or control characters anywhere, at most 320 characters in all.
 */
public final class EmailAddress {
    public static final int MAX_LENGTH = 320;
    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 255;

    private EmailAddress() {
    }

    public static boolean isValid(String address) {
        if (address == null || address.isEmpty() || address.length() > MAX_LENGTH) {
            return false;
        }
        int at = -1;
        int lastDot = -1;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= ' ' || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return false;
            }
            if (c == '@') {
                if (at >= 0) {
                    return false;
                }
                at = i;
            } else if (c == '.' && at >= 0) {
                if (i == at + 1 || i == lastDot + 1) {
                    return false; // empty domain label
                }
                lastDot = i;
            }
        }
        int domainLength = address.length() - at - 1;
        return at >= 1 && at <= MAX_LOCAL && domainLength >= 3 && domainLength <= MAX_DOMAIN
                && lastDot > at && lastDot < address.length() - 1;
    }
}
