package dev.kizuna.core.crypto;

import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Links signed before the HMAC moved to the JDK's still verify. Values sealed before the cipher moved to the JDK's AES-GCM (written with BouncyCastle's) still open, and what is
 * sealed now opens with BouncyCastle's: the stored form did not change.
 */
class FieldCipherCompatibilityTest {
    static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 7);
    }

    final FieldCipher cipher = new FieldCipher(Map.of("k1", KEY), "k1");

    @Test
    void a_value_sealed_by_the_former_cipher_opens_and_a_new_one_opens_with_it() throws Exception {
        byte[] nonce = new byte[12];
        Arrays.fill(nonce, (byte) 3);
        byte[] in = "山田 花子 <hanako@example.jp>".getBytes(StandardCharsets.UTF_8);
        GCMModeCipher bc = bouncyCastle(true, nonce, "member.email:42");
        byte[] out = new byte[12 + bc.getOutputSize(in.length)];
        System.arraycopy(nonce, 0, out, 0, 12);
        int n = bc.processBytes(in, 0, in.length, out, 12);
        bc.doFinal(out, 12 + n);
        String former = "v1.k1." + Base64.getEncoder().encodeToString(out);

        assertThat(cipher.decrypt(former, "member.email:42")).isEqualTo("山田 花子 <hanako@example.jp>");
        assertThatThrownBy(() -> cipher.decrypt(former, "member.email:43")).isInstanceOf(IllegalArgumentException.class);

        String now = cipher.encrypt("090-1234-5678", "member.phone:42");
        byte[] all = Base64.getDecoder().decode(now.substring("v1.k1.".length()));
        GCMModeCipher back = bouncyCastle(false, Arrays.copyOf(all, 12), "member.phone:42");
        byte[] clear = new byte[back.getOutputSize(all.length - 12)];
        int m = back.processBytes(all, 12, all.length - 12, clear, 0);
        m += back.doFinal(clear, m);
        assertThat(new String(clear, 0, m, StandardCharsets.UTF_8)).isEqualTo("090-1234-5678");
    }

    @Test
    void an_altered_or_cut_ciphertext_is_refused() {
        String sealed = cipher.encrypt("secret", "row:1");
        // flip a bit of the bytes, not a Base64 character: a character's padding bits may decode to the same bytes
        byte[] bytes = Base64.getDecoder().decode(sealed.substring("v1.k1.".length()));
        bytes[bytes.length - 1] ^= 1;
        String altered = "v1.k1." + Base64.getEncoder().encodeToString(bytes);
        assertThatThrownBy(() -> cipher.decrypt(altered, "row:1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt("v1.k1.AAAA", "row:1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(cipher.decrypt(cipher.encrypt("", null), null)).isEmpty();
    }

    @Test
    void a_link_signed_by_the_former_hmac_still_verifies() throws Exception {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 9);
        String body = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "messaging.unsubscribe|42|4102444800|00112233445566778899aabb".getBytes(StandardCharsets.UTF_8));
        org.bouncycastle.crypto.macs.HMac hmac = new org.bouncycastle.crypto.macs.HMac(
                new org.bouncycastle.crypto.digests.SHA256Digest());
        hmac.init(new KeyParameter(key));
        byte[] in = body.getBytes(StandardCharsets.UTF_8);
        hmac.update(in, 0, in.length);
        byte[] mac = new byte[hmac.getMacSize()];
        hmac.doFinal(mac, 0);
        String former = body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);

        SignedTokens tokens = new SignedTokens(key);
        assertThat(tokens.verify(former, "messaging.unsubscribe", java.time.Instant.parse("2026-12-03T00:00:00Z"))
                .subject()).isEqualTo("42");
        assertThatThrownBy(() -> tokens.verify(former.substring(0, former.length() - 2) + "AA", "messaging.unsubscribe",
                java.time.Instant.parse("2026-12-03T00:00:00Z"))).isInstanceOf(SignedTokens.InvalidToken.class);
    }

    private static GCMModeCipher bouncyCastle(boolean encrypt, byte[] nonce, String aad) {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(KEY), 128, nonce, aad.getBytes(StandardCharsets.UTF_8)));
        return gcm;
    }
}
