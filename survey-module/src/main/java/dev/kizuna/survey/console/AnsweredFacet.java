package dev.kizuna.survey.console;

import dev.kizuna.core.console.CustomerFacet;
import dev.kizuna.core.console.Formats;
import dev.kizuna.core.console.Messages;
import dev.kizuna.core.persistence.Tx;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** "Has answered a survey" as a filter of the customers list, over {@code survey_response (member_id)}. */
record AnsweredFacet() implements CustomerFacet {
    private static final String ANSWERED = "EXISTS (SELECT 1 FROM survey_response r WHERE r.member_id = m.id)";

    @Override
    public String key() {
        return "answered";
    }

    @Override
    public int order() {
        return 80;
    }

    @Override
    public String labelKey() {
        return "customers.answered";
    }

    @Override
    public boolean column() {
        return false;
    }

    @Override
    public Map<Long, String> shown(Tx tx, List<Long> memberIds, Messages messages, Formats formats) {
        return Map.of();
    }

    @Override
    public Optional<Filter> filter() {
        return Optional.of(new Filter() {
            @Override
            public List<Choice> choices(Tx tx, Messages messages) {
                return List.of(new Choice("yes", messages.text("customers.answered-yes")),
                        new Choice("no", messages.text("customers.answered-no")));
            }

            @Override
            public Optional<Condition> condition(String value) {
                return switch (value) {
                    case "yes" -> Optional.of(Condition.of(ANSWERED));
                    case "no" -> Optional.of(Condition.of("NOT " + ANSWERED));
                    default -> Optional.empty();
                };
            }
        });
    }
}
