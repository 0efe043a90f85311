package dev.kizuna.webhooks;

/** What one delivery run did: domain events fanned out, messages delivered, failed (to retry), dead, endpoints disabled. */
public record DeliveryRun(int events, int delivered, int failed, int dead, int disabled) {
}
