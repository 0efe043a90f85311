package dev.kizuna.messaging.delivery;

/** What decided a message. */
public enum MessageSource {
    BROADCAST, JOURNEY
}
