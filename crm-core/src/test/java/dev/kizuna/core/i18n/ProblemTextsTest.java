package dev.kizuna.core.i18n;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.testing.ProblemKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Problem texts: merged from every module's files, in Japanese and English, naming fields by their labels. */
class ProblemTextsTest {

    @Test
    void japanese_and_english_have_the_same_keys_and_every_key_crm_core_uses_exists() {
        ProblemKeys.assertBundlesMatch();
        ProblemKeys.assertEveryKeyUsedExists(Path.of("src/main/java"));
    }

    @Test
    void a_refusal_is_told_in_japanese_or_english_naming_the_field_by_its_label() {
        InvalidInput e = new InvalidInput("lines[2].sku", "required");
        assertThat(e.text(ProblemTexts.JA)).isEqualTo("必須です");
        assertThat(e.detail(ProblemTexts.JA)).isEqualTo("SKU：必須です");
        assertThat(e.detail(ProblemTexts.EN)).isEqualTo("SKU: is required");
        assertThat(e.getMessage()).isEqualTo("lines[2].sku: is required");
        InvalidInput unlabelled = new InvalidInput("windowMonths", "out-of-range", 1, 24);
        assertThat(unlabelled.detail(ProblemTexts.JA)).isEqualTo("windowMonths：1 以上 24 以下にしてください");
        assertThat(unlabelled.reason()).isEqualTo("must be between 1 and 24");
        InvalidInput other = new InvalidInput("endsAt", "must-be-after", new ProblemTexts.Field("startsAt"));
        assertThat(other.detail(ProblemTexts.JA)).isEqualTo("終了日時：開始日時より後にしてください");
        assertThat(other.detail(ProblemTexts.EN)).isEqualTo("end: must be after start");
        InvalidInput named = new InvalidInput("code", "currency-unknown", new ProblemTexts.Localized("円", "yen"));
        assertThat(named.text(ProblemTexts.JA)).isEqualTo("ISO 4217 にない通貨コードです: 円");
        assertThat(named.text(ProblemTexts.EN)).isEqualTo("unknown ISO 4217 code: yen");
    }

    @Test
    void every_module_file_on_the_class_path_is_merged_and_a_key_defined_twice_is_an_error(@TempDir Path dir)
            throws IOException {
        Path a = module(dir.resolve("a"), "a.one=eins\n", "a.one=いち\n");
        Path b = module(dir.resolve("b"), "b.two=zwei\n", "b.two=に\n");
        Path c = module(dir.resolve("c"), "a.one=again\n", "a.one=再び\n");
        try (URLClassLoader ab = loader(a, b); URLClassLoader ac = loader(a, c)) {
            ProblemTexts merged = ProblemTexts.load(ab);
            assertThat(merged.text(ProblemTexts.EN, "a.one")).isEqualTo("eins");
            assertThat(merged.text(ProblemTexts.JA, "b.two")).isEqualTo("に");
            assertThatThrownBy(() -> ProblemTexts.load(ac)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("a.one").hasMessageContaining("defined twice");
        }
    }

    private static Path module(Path root, String en, String ja) throws IOException {
        Path folder = Files.createDirectories(root.resolve("kizuna/i18n"));
        Files.writeString(folder.resolve("problems_en.properties"), en, StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("problems_ja.properties"), ja, StandardCharsets.UTF_8);
        return root;
    }

    private static URLClassLoader loader(Path... roots) throws IOException {
        URL[] urls = new URL[roots.length];
        for (int i = 0; i < roots.length; i++) {
            urls[i] = roots[i].toUri().toURL();
        }
        return new URLClassLoader(urls, null);
    }
}
