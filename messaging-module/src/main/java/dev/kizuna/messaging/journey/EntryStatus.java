package dev.kizuna.messaging.journey;

/** Where a customer's way through a journey is ({@code journey_entry.status}). */
public enum EntryStatus {
    ACTIVE, DONE, EXITED
}
