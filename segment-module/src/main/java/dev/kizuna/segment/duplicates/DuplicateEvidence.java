package dev.kizuna.segment.duplicates;

/** What two members share that makes them likely one person; stored by name in {@code duplicate_pair.evidence}. */
public enum DuplicateEvidence {
    /** the same e-mail address (its blind index: trimmed, any case) */
    EMAIL,
    /** the same phone number (its blind index: by its digits) */
    PHONE,
    /** the same whole name (width, kana and spaces aside) and the same birth date */
    NAME_AND_BIRTH_DATE,
    /** the same postal address, by the host's own hash of it */
    ADDRESS
}
