package dev.kizuna.admin.console;

import dev.kizuna.core.console.Messages;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every console and shopper text exists in Japanese and in English, with the same placeholders. */
class MessagesTest {
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d)}");

    @Test
    void japanese_and_english_have_the_same_texts_and_placeholders() {
        Messages ja = Messages.of(Messages.JA);
        Messages en = Messages.of(Messages.EN);
        assertThat(ja.keys()).hasSameElementsAs(en.keys());
        for (String key : ja.keys()) {
            assertThat(arguments(ja, key)).as(key).isEqualTo(arguments(en, key));
            assertThat(ja.text(key, 1, 2, 3)).as(key).isNotBlank();
            assertThat(en.text(key, 1, 2, 3)).as(key).isNotBlank();
        }
    }

    private static long arguments(Messages m, String key) {
        // a missing argument is written as {n} whatever its format (number, date), so no argument shows each placeholder
        Matcher matcher = ARGUMENT.matcher(m.text(key));
        long bits = 0;
        while (matcher.find()) {
            bits |= 1L << Integer.parseInt(matcher.group(1));
        }
        return bits;
    }
}
