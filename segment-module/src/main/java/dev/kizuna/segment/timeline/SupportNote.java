package dev.kizuna.segment.timeline;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A contact staff recorded on the 360° page: channel, topic, what was said (sealed at rest), and the follow-up
 * due on a day by a staff member, until it is marked done.
 */
public record SupportNote(long id, String customerRef, SupportChannel channel, SupportTopic topic, String text,
                          LocalDate followUpOn, String assignedTo, Instant followUpDoneAt, String createdBy,
                          Instant createdAt) {

    /** What staff submit. */
    public record Draft(SupportChannel channel, SupportTopic topic, String text, LocalDate followUpOn,
                        String assignedTo) {
    }
}
