package dev.kizuna.messaging.consent;

/** Who last said what the customer wants on a channel. */
public enum ConsentSource {
    /** the host's registration or account form ({@code CustomerRegistered}/{@code CustomerUpdated} consents) */
    HOST,
    /** the shopper's own preferences in Kizuna */
    PREFERENCES,
    /** the unsubscribe link or the one-click unsubscribe of a mail */
    UNSUBSCRIBE
}
