package dev.kizuna.segment.timeline;

/** A part of a customer's account a change touched; its label is {@code timeline.profile-field.<NAME>}. */
enum ProfileField {
    EMAIL,
    NAME,
    PHONE,
    BIRTH_DATE,
    LOCALE,
    CONSENTS
}
