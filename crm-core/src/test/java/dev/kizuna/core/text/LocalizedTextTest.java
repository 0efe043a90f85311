package dev.kizuna.core.text;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.json.Json;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalizedTextTest {

    @Test
    void each_language_reads_its_own_text() {
        LocalizedText t = LocalizedText.of("春のセール", "Spring sale");
        assertThat(t.get(Locale.JAPANESE)).isEqualTo("春のセール");
        assertThat(t.get(Locale.ENGLISH)).isEqualTo("Spring sale");
        assertThat(t.get(Locale.forLanguageTag("en-GB"))).isEqualTo("Spring sale");
        assertThat(t.text("ja")).isEqualTo("春のセール");
    }

    @Test
    void a_missing_language_falls_back_to_the_other_shop_language_and_a_third_to_english() {
        LocalizedText jaOnly = LocalizedText.of("春のセール", null);
        assertThat(jaOnly.get(Locale.ENGLISH)).isEqualTo("春のセール");
        assertThat(jaOnly.exactly("en")).isEmpty();
        LocalizedText enOnly = LocalizedText.of(" ", "Spring sale");
        assertThat(enOnly.get(Locale.JAPANESE)).isEqualTo("Spring sale");
        LocalizedText both = LocalizedText.of("春のセール", "Spring sale");
        assertThat(both.get(Locale.CHINESE)).isEqualTo("Spring sale");
        Map<String, String> three = new LinkedHashMap<>();
        three.put("ja", "春のセール");
        three.put("zh", "春季特卖");
        assertThat(LocalizedText.of(three).get(Locale.CHINESE)).isEqualTo("春季特卖");
        assertThat(LocalizedText.of(three).get(Locale.ENGLISH)).isEqualTo("春のセール");
        assertThat(LocalizedText.of(three).withJaAndEn().asMap()).containsOnlyKeys("ja", "en", "zh");
    }

    @Test
    void json_is_an_object_of_language_to_text() {
        LocalizedText t = LocalizedText.of("春のセール", "Spring sale");
        assertThat(Json.write(t)).isEqualTo("{\"ja\":\"春のセール\",\"en\":\"Spring sale\"}");
        assertThat(Json.read("{\"en\":\"Spring sale\",\"ja\":\"春のセール\"}", LocalizedText.class)).isEqualTo(t);
        assertThat(Json.write(Json.read("{\"en\":\"Spring sale\",\"ja\":\"春のセール\"}", LocalizedText.class)))
                .as("ja first, as stored").isEqualTo(Json.write(t));
    }

    @Test
    void a_text_needs_at_least_one_language() {
        assertThatThrownBy(() -> LocalizedText.of(null, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Json.read("{\"ja\":\" \",\"en\":\"\"}", LocalizedText.class)).as("blank in JSON is no text").isNull();
        assertThat(Json.read("{\"name\":{}}", Named.class).name()).isNull();
    }

    record Named(LocalizedText name) {
    }

    @Test
    void a_merchants_text_is_checked_per_language_naming_the_language() {
        assertThat(LocalizedTexts.ofInputs(" ", "")).isNull();
        assertThat(LocalizedTexts.ofInputs("ゴールド", "")).isEqualTo(LocalizedText.of("ゴールド", null));
        assertThat(LocalizedTexts.required("name", LocalizedText.of(" ゴールド ", "Gold"), 4).ja()).isEqualTo("ゴールド");
        assertThatThrownBy(() -> LocalizedTexts.required("name", LocalizedText.of("ゴールド", null), 40))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("name.en"));
        assertThatThrownBy(() -> LocalizedTexts.required("title", null, 40))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("title.ja"));
        assertThatThrownBy(() -> LocalizedTexts.optional("intro", LocalizedText.of("ab", "abc"), 2))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(e.field()).isEqualTo("intro.en");
                    assertThat(e.key()).isEqualTo("too-long");
                });
        assertThat(LocalizedTexts.japanese("name", LocalizedText.of(" ゴールド ", null), 40).en())
                .as("an English page shows the Japanese").isEqualTo("ゴールド");
        assertThatThrownBy(() -> LocalizedTexts.japanese("name", LocalizedText.of(null, "Gold"), 40))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("name.ja"));
        assertThatThrownBy(() -> LocalizedTexts.japanese("name", LocalizedText.of("ゴールド", "Golden"), 5))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("name.en"));
        assertThat(LocalizedTexts.optional("intro", null, 2)).isNull();
        assertThat(LocalizedTexts.optional("intro", LocalizedText.of("🍵🍵", null), 2).ja())
                .as("characters, not UTF-16 units").isEqualTo("🍵🍵");
    }
}
