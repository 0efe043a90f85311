package dev.kizuna.segment.timeline;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which parts of an account an update changed, judged against what the member had: a field the update leaves out
 * (null) is unchanged, one it repeats as it was is unchanged too (a host that sends the whole account on every save
 * would otherwise show every field changed). Only the names of the fields are kept, never their values.
 */
final class ProfileChange {
    private ProfileChange() {
    }

    /** The account as it stood, or as an update gives it (nulls: not given). */
    record Account(String email, String name, String phone, LocalDate birthDate, String locale,
                   Map<String, Boolean> consents) {
    }

    static Set<ProfileField> between(Account was, Account given) {
        Set<ProfileField> changed = EnumSet.noneOf(ProfileField.class);
        if (given.email() != null && !normalEmail(given.email()).equals(normalEmail(was.email()))) {
            changed.add(ProfileField.EMAIL);
        }
        if (given.name() != null && !given.name().strip().equals(was.name() == null ? "" : was.name().strip())) {
            changed.add(ProfileField.NAME);
        }
        if (given.phone() != null && !digits(given.phone()).equals(digits(was.phone()))) {
            changed.add(ProfileField.PHONE);
        }
        if (given.birthDate() != null && !given.birthDate().equals(was.birthDate())) {
            changed.add(ProfileField.BIRTH_DATE);
        }
        if (given.locale() != null && !given.locale().isBlank() && !Objects.equals(language(given.locale()),
                was.locale() == null ? null : language(was.locale()))) {
            changed.add(ProfileField.LOCALE);
        }
        if (given.consents() != null) {
            Map<String, Boolean> before = was.consents() == null ? Map.of() : was.consents();
            boolean differs = given.consents().entrySet().stream()
                    .anyMatch(e -> !Objects.equals(e.getValue(), before.get(e.getKey())));
            if (differs) {
                changed.add(ProfileField.CONSENTS);
            }
        }
        return changed;
    }

    private static String normalEmail(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    private static String digits(String phone) {
        return phone == null ? "" : phone.replaceAll("\\D", "");
    }

    /** The mirror keeps a member's language as {@code ja} or {@code en}, whatever locale the host sent. */
    private static String language(String locale) {
        return locale.toLowerCase(Locale.ROOT).startsWith("ja") ? "ja" : "en";
    }
}
