package dev.kizuna.core.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * HMAC-SHA256 signed, expiring tokens for links in mails (survey invitations). A token carries its purpose,
 * subject, expiry and a random id; single use is enforced by whoever consumes it, by recording {@link Claims#id()}.
 */
public final class SignedTokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final byte[] key;
    /**
     * The JDK's HMAC-SHA256 (the same signatures as before), keyed once per thread: a broadcast signs two links in
     * each of a million mails.
     */
    private final ThreadLocal<Mac> macs;
    private final SecureRandom random = new SecureRandom();

    public SignedTokens(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("token signing key must be at least 32 bytes");
        }
        this.key = key.clone();
        byte[] k = this.key;
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(new SecretKeySpec(k, "HmacSHA256"));
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public record Claims(String purpose, String subject, Instant expiresAt, String id) {
    }

    public String issue(String purpose, String subject, Instant expiresAt) {
        byte[] idBytes = new byte[12];
        random.nextBytes(idBytes);
        String id = HexFormat.of().formatHex(idBytes);
        String payload = String.join("|", purpose, subject, Long.toString(expiresAt.getEpochSecond()), id);
        String body = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return body + "." + B64.encodeToString(mac(body));
    }

    /** Checks signature, purpose and expiry. */
    public Claims verify(String token, String expectedPurpose, Instant now) throws InvalidToken {
        if (token == null) {
            throw new InvalidToken("missing");
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            throw new InvalidToken("malformed");
        }
        String body = token.substring(0, dot);
        byte[] given;
        try {
            given = B64D.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidToken("malformed");
        }
        if (!MessageDigest.isEqual(given, mac(body))) {
            throw new InvalidToken("signature does not match");
        }
        String[] f = new String(B64D.decode(body), StandardCharsets.UTF_8).split("\\|", -1);
        if (f.length != 4 || !f[0].equals(expectedPurpose)) {
            throw new InvalidToken("not a " + expectedPurpose + " token");
        }
        Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(f[2]));
        if (!now.isBefore(expiresAt)) {
            throw new InvalidToken("expired");
        }
        return new Claims(f[0], f[1], expiresAt, f[3]);
    }

    private byte[] mac(String body) {
        return macs.get().doFinal(body.getBytes(StandardCharsets.UTF_8));
    }

    public static final class InvalidToken extends Exception {
        private static final long serialVersionUID = 1L;

        public InvalidToken(String reason) {
            super(reason);
        }
    }
}
