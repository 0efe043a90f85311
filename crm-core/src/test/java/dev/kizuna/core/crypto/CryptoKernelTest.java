package dev.kizuna.core.crypto;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CryptoKernelTest {
    static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    @Test
    void field_cipher_round_trips_and_refuses_tampering_and_misplacement() {
        FieldCipher cipher = new FieldCipher(Map.of("k1", key(1)), "k1");
        String stored = cipher.encrypt("1990-02-14", "member.birth_date:C-1");

        assertThat(stored).startsWith("v1.k1.").doesNotContain("1990");
        assertThat(cipher.encrypt("1990-02-14", "member.birth_date:C-1")).as("random nonce").isNotEqualTo(stored);
        assertThat(cipher.decrypt(stored, "member.birth_date:C-1")).isEqualTo("1990-02-14");
        assertThatThrownBy(() -> cipher.decrypt(stored, "member.birth_date:C-2")).isInstanceOf(IllegalArgumentException.class);
        char[] c = stored.toCharArray();
        c[c.length - 5] = c[c.length - 5] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> cipher.decrypt(new String(c), "member.birth_date:C-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void after_rotation_old_rows_still_decrypt_and_new_rows_use_the_new_key() {
        String old = new FieldCipher(Map.of("k1", key(1)), "k1").encrypt("secret", "ad");
        FieldCipher rotated = new FieldCipher(Map.of("k1", key(1), "k2", key(2)), "k2");
        assertThat(rotated.decrypt(old, "ad")).isEqualTo("secret");
        assertThat(rotated.needsRotation(old)).isTrue();
        String fresh = rotated.encrypt("secret", "ad");
        assertThat(fresh).startsWith("v1.k2.");
        assertThat(rotated.needsRotation(fresh)).isFalse();
    }

    @Test
    void signed_tokens_refuse_tampering_wrong_purpose_and_expiry() throws Exception {
        SignedTokens tokens = new SignedTokens(key(9));
        Instant now = Instant.parse("2026-05-01T00:00:00Z");
        String token = tokens.issue("survey", "invitation-42", now.plusSeconds(3600));

        SignedTokens.Claims claims = tokens.verify(token, "survey", now);
        assertThat(claims.subject()).isEqualTo("invitation-42");
        assertThat(claims.id()).hasSize(24);

        String tampered = token.replace(token.substring(0, 4), "AAAA");
        assertThatThrownBy(() -> tokens.verify(tampered, "survey", now)).isInstanceOf(SignedTokens.InvalidToken.class);
        assertThatThrownBy(() -> tokens.verify(token, "unsubscribe", now)).isInstanceOf(SignedTokens.InvalidToken.class);
        assertThatThrownBy(() -> tokens.verify(token, "survey", now.plusSeconds(3600))).hasMessageContaining("expired");
        assertThatThrownBy(() -> new SignedTokens(key(8)).verify(token, "survey", now)).hasMessageContaining("signature");
    }

    @Test
    void argon2id_hashes_verify_only_the_right_password() {
        PasswordHasher hasher = new PasswordHasher(1024, 1, 1);
        String hash = hasher.hash("correct horse".toCharArray());
        assertThat(hash).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
        assertThat(hasher.verify("correct horse".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("correct hors".toCharArray(), hash)).isFalse();
        assertThat(hasher.hash("correct horse".toCharArray())).as("salted").isNotEqualTo(hash);
    }

    @Test
    void coupon_codes_carry_over_80_bits_and_are_unique_in_a_large_batch() {
        assertThat(CouponCodes.entropyBits()).isGreaterThanOrEqualTo(80);
        CouponCodes codes = new CouponCodes();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String code = codes.next();
            assertThat(CouponCodes.isWellFormed(code)).isTrue();
            assertThat(code).matches("[" + CouponCodes.ALPHABET + "]{18}");
            seen.add(code);
        }
        assertThat(seen).hasSize(20_000);
    }

    @Test
    void the_check_character_rejects_every_single_substitution_and_adjacent_swap() {
        CouponCodes codes = new CouponCodes(new SecureRandom(new byte[]{1, 2, 3}));
        for (int n = 0; n < 50; n++) {
            String code = codes.next();
            for (int i = 0; i < code.length(); i++) {
                for (char ch : CouponCodes.ALPHABET.toCharArray()) {
                    if (ch != code.charAt(i)) {
                        String typo = code.substring(0, i) + ch + code.substring(i + 1);
                        assertThat(CouponCodes.isWellFormed(typo)).as(typo).isFalse();
                    }
                }
                if (i + 1 < code.length() && code.charAt(i) != code.charAt(i + 1)) {
                    String swapped = code.substring(0, i) + code.charAt(i + 1) + code.charAt(i) + code.substring(i + 2);
                    assertThat(CouponCodes.isWellFormed(swapped)).as(swapped).isFalse();
                }
            }
        }
    }

    @Test
    void codes_are_read_back_whatever_the_case_and_grouping() {
        String code = new CouponCodes().next();
        String printed = CouponCodes.display(code);
        assertThat(printed).contains("-");
        assertThat(CouponCodes.isWellFormed(printed.toLowerCase())).isTrue();
        assertThat(CouponCodes.canonical(printed.toLowerCase().replace("-", " "))).isEqualTo(code);
        assertThat(CouponCodes.isWellFormed("O0I1L")).isFalse();
    }
}
