package dev.kizuna.segment.timeline;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which account fields an update changed: only those it gives with a value other than the member's. */
class ProfileChangeTest {
    static final ProfileChange.Account WAS = new ProfileChange.Account("hanako@example.jp", "田中 花子", "090-1234-5678",
            LocalDate.of(1990, 5, 1), "ja", Map.of("mail", true));

    @Test
    void the_whole_account_sent_again_as_it_was_changes_nothing() {
        assertThat(ProfileChange.between(WAS, new ProfileChange.Account(" Hanako@Example.jp", "田中 花子 ", "09012345678",
                LocalDate.of(1990, 5, 1), "ja-JP", Map.of("mail", true)))).isEmpty();
        assertThat(ProfileChange.between(WAS, new ProfileChange.Account(null, null, null, null, null, Map.of()))).isEmpty();
    }

    @Test
    void each_field_given_with_another_value_is_named() {
        assertThat(ProfileChange.between(WAS, new ProfileChange.Account("new@example.jp", "田中 花子", null,
                LocalDate.of(1990, 5, 2), "en", Map.of("mail", false))))
                .containsExactly(ProfileField.EMAIL, ProfileField.BIRTH_DATE, ProfileField.LOCALE, ProfileField.CONSENTS);
        assertThat(ProfileChange.between(new ProfileChange.Account(null, null, null, null, "ja", Map.of()),
                new ProfileChange.Account(null, "佐藤 花子", "03-0000-0000", null, null, Map.of("line", true))))
                .containsExactly(ProfileField.NAME, ProfileField.PHONE, ProfileField.CONSENTS);
    }
}
