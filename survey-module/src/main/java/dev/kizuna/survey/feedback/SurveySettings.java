package dev.kizuna.survey.feedback;

import dev.kizuna.core.errors.InvalidInput;

/**
 * How a survey runs, outside its versioned content: its name in the console, the points for completing it, and its
 * invitation trigger. Changes apply at once (the next invitation run, the next completed response).
 */
public record SurveySettings(String name, long rewardPoints, InvitationTrigger trigger) {
    public static final long MAX_REWARD = 1_000_000;

    public void validate() {
        if (name == null || name.isBlank()) {
            throw new InvalidInput("name", "required");
        }
        if (name.length() > 200) {
            throw new InvalidInput("name", "too-long", 200);
        }
        if (rewardPoints < 0 || rewardPoints > MAX_REWARD) {
            throw new InvalidInput("rewardPoints", "out-of-range", 0, MAX_REWARD);
        }
        if (trigger == null) {
            throw new InvalidInput("trigger", "required");
        }
        trigger.validate("trigger");
    }
}
