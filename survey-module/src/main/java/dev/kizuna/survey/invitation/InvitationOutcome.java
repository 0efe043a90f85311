package dev.kizuna.survey.invitation;

import java.util.function.BooleanSupplier;

/** What the invitation job decided for one delivered order; everything but SEND is recorded as a skip reason. */
public enum InvitationOutcome {
    SEND,
    /** the customer was sent a survey invitation within the cooldown */
    COOLDOWN,
    /** the customer is outside the survey's sample */
    NOT_SAMPLED,
    /** the customer's rank or segments do not match (or the ranks/segments feature is not installed) */
    NOT_IN_AUDIENCE,
    /** the host has no mail address for the customer, or they opted out of mail */
    NO_CONTACT,
    /** another order of the customer due in the same run got the invitation */
    ONE_PER_PERIOD;

    /**
     * The decision for a customer's first due order, checking the cheap facts first: the audience and contact
     * checks ask other features and the host, so they run only for customers still in line.
     */
    public static InvitationOutcome decide(boolean coolingDown, boolean sampled, BooleanSupplier inAudience,
                                           BooleanSupplier contactable) {
        if (coolingDown) {
            return COOLDOWN;
        }
        if (!sampled) {
            return NOT_SAMPLED;
        }
        if (!inAudience.getAsBoolean()) {
            return NOT_IN_AUDIENCE;
        }
        if (!contactable.getAsBoolean()) {
            return NO_CONTACT;
        }
        return SEND;
    }

    /** The decision for the customer's other due orders in the same run. */
    public InvitationOutcome forOtherOrders() {
        return this == SEND ? ONE_PER_PERIOD : this;
    }
}
