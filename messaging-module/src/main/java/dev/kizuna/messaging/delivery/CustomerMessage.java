package dev.kizuna.messaging.delivery;

import dev.kizuna.messaging.consent.Channel;
import dev.kizuna.messaging.consent.Purpose;

import java.time.Instant;

/** A message a customer got (or was held out of), for the 360° page: {@code mailStatus} is the outbox's. */
public record CustomerMessage(long id, MessageSource source, long campaignId, int step, Channel channel, Purpose purpose,
                              MessageStatus status, String mailStatus, Instant decidedAt, Instant clickedAt,
                              Instant unsubscribedAt) {
}
