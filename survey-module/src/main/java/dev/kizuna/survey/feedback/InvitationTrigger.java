package dev.kizuna.survey.feedback;

import dev.kizuna.core.errors.InvalidInput;

import java.util.List;

/**
 * When a survey is sent: {@code daysAfterDelivery} after an order of {@code channel} was delivered, to members of one
 * of {@code ranks} (empty: any rank) and of one of {@code segments} (empty: no restriction), to
 * {@code samplingPercent} of customers (chosen by a hash of member and survey, so reruns agree), and never to a
 * customer who was sent any survey invitation in the last {@code cooldownDays}. The mailed link is valid for
 * {@code linkValidDays}.
 */
public record InvitationTrigger(int daysAfterDelivery, Channel channel, List<String> ranks, List<String> segments,
                                int samplingPercent, int cooldownDays, int linkValidDays) {

    public enum Channel { ANY, WEB, STORE }

    public static final InvitationTrigger DEFAULT = new InvitationTrigger(7, Channel.ANY, List.of(), List.of(), 100, 90, 30);

    public InvitationTrigger {
        channel = channel == null ? Channel.ANY : channel;
        ranks = ranks == null ? List.of() : List.copyOf(ranks);
        segments = segments == null ? List.of() : List.copyOf(segments);
    }

    public void validate(String at) {
        range(at + ".daysAfterDelivery", daysAfterDelivery, 0, 365);
        range(at + ".samplingPercent", samplingPercent, 0, 100);
        range(at + ".cooldownDays", cooldownDays, 0, 3650);
        range(at + ".linkValidDays", linkValidDays, 1, 365);
        for (int i = 0; i < ranks.size(); i++) {
            if (ranks.get(i) == null || ranks.get(i).isBlank()) {
                throw new InvalidInput(at + ".ranks[" + i + "]", "required");
            }
        }
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i) == null || segments.get(i).isBlank()) {
                throw new InvalidInput(at + ".segments[" + i + "]", "required");
            }
        }
    }

    private static void range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidInput(field, "out-of-range", min, max);
        }
    }
}
