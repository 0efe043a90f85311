package dev.kizuna.demo;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The shop's page texts exist in both languages, every key a template names is there, and dates are Tokyo's. */
class ShopTextsTest {

    @Test
    void japanese_and_english_have_the_same_keys() {
        assertThat(ShopTexts.keys("ja")).containsExactlyInAnyOrderElementsOf(ShopTexts.keys("en"));
    }

    @Test
    void every_key_the_templates_name_has_a_text() throws IOException {
        Set<String> named = new TreeSet<>();
        Pattern literal = Pattern.compile("t\\(\"([a-z0-9.-]+)\"[,)]");
        try (Stream<Path> templates = Files.list(Path.of("src/main/resources/shop/templates"))) {
            for (Path p : templates.toList()) {
                Matcher m = literal.matcher(Files.readString(p));
                while (m.find()) {
                    named.add(m.group(1));
                }
            }
        }
        assertThat(named).isNotEmpty();
        assertThat(ShopTexts.keys("ja")).containsAll(named);
        for (String status : new String[]{"PLACED", "DELIVERED", "CANCELLED", "RETURNED", "PARTIALLY_RETURNED"}) {
            assertThat(ShopTexts.keys("en")).contains("status." + status);
        }
    }

    @Test
    void dates_are_the_shops_dates_in_the_readers_style() {
        Instant lateInUtc = Instant.parse("2026-12-01T20:21:24.055861911Z");
        assertThat(new ShopTexts(Locale.JAPANESE, ShopHost.ZONE).date(lateInUtc)).isEqualTo("2026年12月2日");
        assertThat(new ShopTexts(Locale.ENGLISH, ShopHost.ZONE).date(lateInUtc)).isEqualTo("Dec 2, 2026");
        assertThat(new ShopTexts(Locale.JAPANESE, ShopHost.ZONE).dateTime(lateInUtc)).isEqualTo("2026年12月2日 5:21");
        assertThat(new ShopTexts(Locale.ENGLISH, ShopHost.ZONE).yen(-1210)).isEqualTo("−¥1,210");
    }
}
