package dev.kizuna.segment.timeline;

/** What a support contact was about; label {@code timeline.topic.<NAME>}. */
public enum SupportTopic {
    ORDER, DELIVERY, RETURN, POINTS, ACCOUNT, COMPLAINT, OTHER
}
