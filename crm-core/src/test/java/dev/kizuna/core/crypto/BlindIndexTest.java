package dev.kizuna.core.crypto;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class BlindIndexTest {
    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    private final BlindIndex index = new BlindIndex("i1", key(3));

    @Test
    void an_email_is_found_whatever_its_case_and_surrounding_spaces() {
        assertThat(index.email("  Hanako.Yamada@Example.JP ")).isEqualTo(index.email("hanako.yamada@example.jp"));
        assertThat(index.email("hanako.yamada@example.jp")).hasSize(16)
                .isNotEqualTo(index.email("hanako.yamada@example.com"));
        assertThat(index.email(" ")).isNull();
    }

    @Test
    void a_phone_number_is_found_by_its_digits() {
        assertThat(index.phone("090-1234-5678")).isEqualTo(index.phone("09012345678"))
                .isEqualTo(index.phone("（０９０）１２３４ ５６７８"));
        assertThat(index.phone("+81 90 1234 5678")).isEqualTo(index.phone("0081-90-1234-5678"))
                .isNotEqualTo(index.phone("090-1234-5678"));
        assertThat(BlindIndex.normalisePhone("tel: -")).isNull();
    }

    @Test
    void indexes_depend_on_the_key_and_the_kind_of_value() {
        BlindIndex other = new BlindIndex("i2", key(4));
        assertThat(other.email("a@example.jp")).isNotEqualTo(index.email("a@example.jp"));
        assertThat(index.birthday(2, 14)).isEqualTo(index.birthday(2, 14)).isNotEqualTo(index.birthday(2, 15))
                .isNotEqualTo(index.phone("0214"));
        assertThat(index.nameToken("やまだ")).hasSize(8);
    }

    @Test
    void a_name_is_found_by_any_part_of_it_in_kanji_or_kana() {
        assertThat(NameTokens.of("山田 花子")).contains("山", "山田", "花", "花子", "山田花", "山田花子", "田花", "田");
        assertThat(NameTokens.of("ヤマダ　ハナコ")).as("katakana folds to hiragana, ideographic space splits")
                .contains("やまだ", "はなこ", "やまだは");
        assertThat(NameTokens.of("ﾔﾏﾀﾞ")).as("half-width kana fold through NFKC").contains("やまだ");
        assertThat(NameTokens.of("Hanako YAMADA")).contains("h", "hanako", "yamada", "hanakoyamada".substring(0, 8));
        assertThat(NameTokens.of("Bartholomew-Featherstonehaugh")).allMatch(t -> t.codePointCount(0, t.length()) <= 8);
        assertThat(NameTokens.query(" Yama da ")).isEqualTo("yamada");
        assertThat(NameTokens.query("ｙａｍａｄａ")).isEqualTo("yamada");
        assertThat(NameTokens.query("やまだはなこさん")).isEqualTo("やまだはなこさん");
        assertThat(NameTokens.query("やまだはなこさんです")).isEqualTo("やまだはなこさん");
        assertThat(NameTokens.matches("山田 花子", "花子")).isTrue();
        assertThat(NameTokens.matches("山田 花子", "田花")).as("a middle part").isTrue();
        assertThat(NameTokens.matches("山田 花子", "花山")).isFalse();
        assertThat(NameTokens.matches("ヤマダ ハナコ", "はなこ")).as("katakana found by hiragana").isTrue();
        assertThat(NameTokens.matches("Hanako Yamada", "hanakoyam")).isTrue();
    }
}
