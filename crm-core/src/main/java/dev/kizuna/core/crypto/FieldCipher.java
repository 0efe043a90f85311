package dev.kizuna.core.crypto;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * AES-256-GCM encryption of single fields (PII at rest). The stored form {@code v1.<keyId>.<base64(nonce|ct|tag)>}
 * names its key, so keys can rotate: new writes use the current key, old rows still decrypt.
 * The associated data binds a ciphertext to its place (e.g. "member.birth_date:42"), so it cannot be moved
 * to another row undetected.
 */
public final class FieldCipher {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, byte[]> keys;
    private final String currentKeyId;
    private final SecureRandom random = new SecureRandom();

    public FieldCipher(Map<String, byte[]> keys, String currentKeyId) {
        keys.forEach((id, key) -> {
            if (key.length != 32) {
                throw new IllegalArgumentException("encryption key '" + id + "' must be 32 bytes, was " + key.length);
            }
            if (id.contains(".")) {
                throw new IllegalArgumentException("encryption key id '" + id + "' must not contain '.'");
            }
        });
        if (!keys.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("current encryption key id '" + currentKeyId + "' has no key");
        }
        this.keys = Map.copyOf(keys);
        this.currentKeyId = currentKeyId;
    }

    public String encrypt(String plaintext, String associatedData) {
        if (plaintext == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] in = plaintext.getBytes(StandardCharsets.UTF_8);
        try {
            Cipher gcm = gcm(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), nonce, associatedData);
            byte[] out = new byte[NONCE_BYTES + gcm.getOutputSize(in.length)];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            gcm.doFinal(in, 0, in.length, out, NONCE_BYTES);
            return "v1." + currentKeyId + "." + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String decrypt(String stored, String associatedData) {
        if (stored == null) {
            return null;
        }
        String[] parts = stored.split("\\.", 3);
        if (parts.length != 3 || !parts[0].equals("v1")) {
            throw new IllegalArgumentException("not a Kizuna ciphertext");
        }
        byte[] key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException("no key '" + parts[1] + "' configured to decrypt this field");
        }
        byte[] all = Base64.getDecoder().decode(parts[2]);
        if (all.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("ciphertext was altered or belongs elsewhere");
        }
        byte[] nonce = java.util.Arrays.copyOf(all, NONCE_BYTES);
        try {
            Cipher gcm = gcm(Cipher.DECRYPT_MODE, key, nonce, associatedData);
            byte[] out = gcm.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
            return new String(out, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("ciphertext was altered or belongs elsewhere", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a stored value is a Kizuna ciphertext (rows written before a column was sealed hold clear text). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith("v1.");
    }

    /**
     * The clear value of a column being sealed: a ciphertext is decrypted, a value written before the column was
     * sealed is returned as it is until the {@code pii-key-rotation} job seals it.
     */
    public String open(String stored, String associatedData) {
        return stored == null || !isSealed(stored) ? stored : decrypt(stored, associatedData);
    }

    /** The value encrypted with the current key: as it is if it already is, else opened and encrypted again. */
    public String reseal(String stored, String associatedData) {
        if (stored == null || (isSealed(stored) && !needsRotation(stored))) {
            return stored;
        }
        return encrypt(open(stored, associatedData), associatedData);
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    /** Whether a stored value was written with a key other than the current one (a rotation job re-encrypts it). */
    public boolean needsRotation(String stored) {
        return stored != null && !stored.startsWith("v1." + currentKeyId + ".");
    }

    /**
     * The JDK's AES-GCM (the same standard ciphertext and tag as before, so stored values read as they were), one
     * cipher object per thread: it runs on the processor's AES and carry-less multiply instructions, which matters
     * when a broadcast seals a million mails.
     */
    private static final ThreadLocal<Cipher> AES_GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private static Cipher gcm(int mode, byte[] key, byte[] nonce, String associatedData) throws GeneralSecurityException {
        Cipher gcm = AES_GCM.get();
        gcm.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        if (associatedData != null) {
            gcm.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        }
        return gcm;
    }
}
