package dev.kizuna.messaging.broadcast;

/** Where a broadcast is: written, waiting for its time, being sent (resumable), done. */
public enum BroadcastStatus {
    DRAFT, SCHEDULED, SENDING, SENT
}
