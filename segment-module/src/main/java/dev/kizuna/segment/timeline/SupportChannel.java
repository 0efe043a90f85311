package dev.kizuna.segment.timeline;

/** How staff were in contact with the customer; label {@code timeline.channel.<NAME>}. */
public enum SupportChannel {
    PHONE, MAIL, CHAT, STORE
}
