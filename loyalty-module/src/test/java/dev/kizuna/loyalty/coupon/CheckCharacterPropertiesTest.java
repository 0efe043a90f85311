package dev.kizuna.loyalty.coupon;

import dev.kizuna.core.crypto.CouponCodes;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Every single-character typo and every adjacent swap of a generated code is caught by its check character. */
class CheckCharacterPropertiesTest {

    @Provide
    Arbitrary<String> codes() {
        return Arbitraries.longs().map(seed -> {
            java.security.SecureRandom r = new java.security.SecureRandom();
            r.setSeed(new Random(seed).nextLong());
            return new CouponCodes(r).next();
        });
    }

    @Property(tries = 300)
    void every_single_substitution_is_rejected(@ForAll("codes") String code) {
        assertThat(CouponCodes.isWellFormed(code)).isTrue();
        for (int i = 0; i < code.length(); i++) {
            for (char c : CouponCodes.ALPHABET.toCharArray()) {
                if (c != code.charAt(i)) {
                    String typo = code.substring(0, i) + c + code.substring(i + 1);
                    assertThat(CouponCodes.isWellFormed(typo)).as(typo).isFalse();
                }
            }
        }
    }

    @Property(tries = 300)
    void every_adjacent_swap_is_rejected(@ForAll("codes") String code) {
        for (int i = 0; i + 1 < code.length(); i++) {
            if (code.charAt(i) != code.charAt(i + 1)) {
                String swapped = code.substring(0, i) + code.charAt(i + 1) + code.charAt(i) + code.substring(i + 2);
                assertThat(CouponCodes.isWellFormed(swapped)).as(swapped).isFalse();
            }
        }
    }

    @Property(tries = 200)
    void the_printed_form_reads_back_in_any_case(@ForAll("codes") String code) {
        assertThat(CouponCodes.isWellFormed(CouponCodes.display(code).toLowerCase())).isTrue();
    }
}
