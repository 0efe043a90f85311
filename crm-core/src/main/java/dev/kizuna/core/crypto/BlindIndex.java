package dev.kizuna.core.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Keyed blind indexes: HMAC-SHA256 of a normalised value under a key of its own (not the encryption key), truncated,
 * so an exact lookup (e-mail, phone, birthday, a name prefix) is an equality on bytes without decrypting any row.
 * Each kind of value has its own purpose label, so equal inputs of two kinds never give equal indexes. Without the
 * key an index says nothing but "these rows share a value"; with few possible values (366 birthdays) that is all it
 * hides, which is why the key never sits in the database.
 */
public final class BlindIndex {
    /** Bytes kept of an exact-lookup index: 128 bits, collisions negligible. */
    static final int INDEX_BYTES = 16;
    /** Bytes kept of a name token: 64 bits; a collision only widens a search, whose hits are checked in clear. */
    static final int TOKEN_BYTES = 8;

    private final String keyId;
    private final byte[] key;

    public BlindIndex(String keyId, byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("blind index key '" + keyId + "' must be at least 32 bytes, was " + key.length);
        }
        this.keyId = keyId;
        this.key = key.clone();
    }

    /** The id of the key these indexes are computed with; rows record it so a key change can recompute them. */
    public String keyId() {
        return keyId;
    }

    /** The index of an e-mail address, trimmed and lower-cased; null for none. */
    public byte[] email(String email) {
        String n = normaliseEmail(email);
        return n == null ? null : mac("email", n, INDEX_BYTES);
    }

    /** The index of a phone number by its digits ({@link #normalisePhone}); null for none. */
    public byte[] phone(String phone) {
        String n = normalisePhone(phone);
        return n == null ? null : mac("phone", n, INDEX_BYTES);
    }

    /** The index of a month and day ({@code MMDD}), which the birthday job computes for the days it issues for. */
    public byte[] birthday(int month, int day) {
        return mac("birthday", String.format(Locale.ROOT, "%02d%02d", month, day), INDEX_BYTES);
    }

    /**
     * The index of a whole name ({@link NameTokens#normalise}: width, kana and spaces do not matter) with a birth
     * date, what likely duplicate accounts share; null unless both are known.
     */
    public byte[] nameAndBirthDate(String name, java.time.LocalDate birthDate) {
        String n = NameTokens.normalise(name);
        return n.isEmpty() || birthDate == null ? null : mac("name-birth", n + '|' + birthDate, INDEX_BYTES);
    }

    /** The token of one normalised name prefix ({@link NameTokens}). */
    public byte[] nameToken(String normalisedPrefix) {
        return mac("name", normalisedPrefix, TOKEN_BYTES);
    }

    public static String normaliseEmail(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * A phone number as its digits, E.164-like: every character but digits dropped, and an international prefix
     * ({@code +} or {@code 00}) dropped with it. A domestic number stays domestic ({@code 090…} is not {@code 8190…}):
     * the host sends one form for each shop. Null when no digit is left.
     */
    public static String normalisePhone(String phone) {
        if (phone == null) {
            return null;
        }
        StringBuilder digits = new StringBuilder(phone.length());
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c >= '０' && c <= '９') {
                digits.append((char) (c - '０' + '0'));
            }
        }
        String d = digits.toString();
        if (d.startsWith("00")) {
            d = d.substring(2);
        }
        return d.isEmpty() ? null : d;
    }

    private byte[] mac(String purpose, String value, int bytes) {
        HMac hmac = new HMac(new SHA256Digest());
        hmac.init(new KeyParameter(key));
        byte[] p = (purpose + '\0').getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        hmac.update(p, 0, p.length);
        hmac.update(v, 0, v.length);
        byte[] out = new byte[hmac.getMacSize()];
        hmac.doFinal(out, 0);
        return Arrays.copyOf(out, bytes);
    }
}
