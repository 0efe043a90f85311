package dev.kizuna.core.crypto;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

import java.nio.charset.StandardCharsets;
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
        GCMModeCipher gcm = gcm(true, keys.get(currentKeyId), nonce, associatedData);
        byte[] out = new byte[NONCE_BYTES + gcm.getOutputSize(in.length)];
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        int n = gcm.processBytes(in, 0, in.length, out, NONCE_BYTES);
        try {
            gcm.doFinal(out, NONCE_BYTES + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e);
        }
        return "v1." + currentKeyId + "." + Base64.getEncoder().encodeToString(out);
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
        byte[] nonce = java.util.Arrays.copyOf(all, NONCE_BYTES);
        GCMModeCipher gcm = gcm(false, key, nonce, associatedData);
        byte[] out = new byte[gcm.getOutputSize(all.length - NONCE_BYTES)];
        int n = gcm.processBytes(all, NONCE_BYTES, all.length - NONCE_BYTES, out, 0);
        try {
            n += gcm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalArgumentException("ciphertext was altered or belongs elsewhere", e);
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
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

    private static GCMModeCipher gcm(boolean encrypt, byte[] key, byte[] nonce, String associatedData) {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        byte[] aad = associatedData == null ? new byte[0] : associatedData.getBytes(StandardCharsets.UTF_8);
        gcm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, aad));
        return gcm;
    }
}
