package dev.kizuna.demo;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.text.EmailAddress;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A new customer that passed every check, made before the shop writes the customer: the e-mail is one Kizuna's
 * customer events accept (the same linear {@link EmailAddress} check), so a registration the shop keeps never
 * fails on Kizuna's side and leaves a customer only the shop knows. The referral code (from a member's link) goes to
 * Kizuna as it came; an unknown code simply refers no one.
 */
record Registration(String email, String name, Optional<LocalDate> birthDate, String locale,
                    Optional<String> referralCode) {
    static final int MAX_NAME = 200;
    /** Kizuna's codes are 8 characters; room for a code typed with spaces, not for a page of text. */
    static final int MAX_REFERRAL_CODE = 32;
    static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    static Registration of(ShopCheckout.NewCustomer c, LocalDate today) {
        String email = ShopFields.required("email", c.email(), EmailAddress.MAX_LENGTH);
        if (!EmailAddress.isValid(email)) {
            throw new InvalidInput("email", "not-an-email");
        }
        String name = ShopFields.optional("name", c.name(), MAX_NAME)
                .orElseThrow(() -> new InvalidInput("name", "required-too-long", MAX_NAME));
        Optional<LocalDate> birth = ShopFields.optional("birthDate", c.birthDate(), 10).map(text -> {
            LocalDate date;
            try {
                date = LocalDate.parse(text);
            } catch (DateTimeException e) {
                throw new InvalidInput("birthDate", "invalid-date");
            }
            if (date.isAfter(today) || date.isBefore(EARLIEST_BIRTH)) {
                throw new InvalidInput("birthDate", "shop.birth-date-implausible");
            }
            return date;
        });
        String locale = ShopFields.optional("locale", c.locale(), 35).filter(l -> l.startsWith("en")).map(l -> "en")
                .orElse("ja");
        Optional<String> referral = ShopFields.optional("referralCode", c.referralCode(), MAX_REFERRAL_CODE);
        return new Registration(email, name, birth, locale, referral);
    }
}
