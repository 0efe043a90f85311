package dev.kizuna.survey.invitation;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.ModulePorts;
import dev.kizuna.core.ports.RankBenefits;
import dev.kizuna.core.ports.SegmentDirectory;
import dev.kizuna.survey.feedback.InvitationTrigger;

import java.util.Optional;

/**
 * Whether a member is in a survey's audience by rank and segment. The ranks and segments features answer through
 * their ports, looked up at use time; without the feature, a trigger restricted by ranks (or segments) matches
 * nobody, so installing a survey never mails people it was not meant for.
 */
final class Audience {
    private final ModulePorts ports;

    Audience(ModulePorts ports) {
        this.ports = ports;
    }

    boolean includes(Tx tx, long memberId, InvitationTrigger trigger) {
        if (!trigger.ranks().isEmpty()) {
            Optional<RankBenefits> ranks = ports.find(RankBenefits.class);
            if (ranks.isEmpty() || !trigger.ranks().contains(ranks.get().benefitsOf(tx, memberId).rankCode())) {
                return false;
            }
        }
        if (!trigger.segments().isEmpty()) {
            Optional<SegmentDirectory> segments = ports.find(SegmentDirectory.class);
            return segments.isPresent()
                    && trigger.segments().stream().anyMatch(key -> segments.get().inSegment(tx, memberId, key));
        }
        return true;
    }
}
