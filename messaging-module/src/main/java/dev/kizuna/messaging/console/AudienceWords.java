package dev.kizuna.messaging.console;

import dev.kizuna.core.console.Messages;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.ports.RankLadder;
import dev.kizuna.core.ports.SegmentDirectory;
import dev.kizuna.messaging.audience.Audience;

import java.math.BigDecimal;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An audience in the admin's words ("Gold or above and not: last order more than 180 days ago"), with segment and
 * rank names from their features, for the pages that show a stored audience or a journey step's condition.
 */
final class AudienceWords {

    String describe(PageRequest r, Audience a) {
        Messages t = r.messages();
        if (a == null || a instanceof Audience.Everyone) {
            return t.text("messaging.words.everyone");
        } else if (a instanceof Audience.AllOf all) {
            return join(r, all.parts(), t.text("messaging.words.and"));
        } else if (a instanceof Audience.AnyOf any) {
            return join(r, any.parts(), t.text("messaging.words.or"));
        } else if (a instanceof Audience.Not not) {
            return t.text("messaging.words.not", describe(r, not.part()));
        } else if (a instanceof Audience.Segment s) {
            String name = r.ctx().database().inTransaction(tx -> r.optionalPort(SegmentDirectory.class)
                    .flatMap(d -> d.segments(tx).stream().filter(x -> x.key().equals(s.key())).findFirst())
                    .map(x -> x.name().get(r.locale())).orElse(s.key()));
            return t.text("messaging.words.segment", name);
        } else if (a instanceof Audience.RankAtLeast k) {
            String name = r.optionalPort(RankLadder.class).flatMap(l -> l.ranks().stream()
                    .filter(x -> x.code().equals(k.code())).findFirst()).map(x -> x.name(r.locale())).orElse(k.code());
            return t.text("messaging.criterion.rank", name);
        } else if (a instanceof Audience.BirthdayMonth m) {
            return t.text("messaging.criterion.birthdayMonth", Month.of(m.month()).getDisplayName(TextStyle.FULL, r.locale()));
        } else if (a instanceof Audience.LtvDecile d) {
            return t.text("messaging.words.ltv", d.from(), d.to());
        } else if (a instanceof Audience.PAlive p) {
            String percent = BigDecimal.valueOf(p.p()).movePointRight(2).stripTrailingZeros().toPlainString();
            return t.text(p.below() ? "messaging.words.p-alive-below" : "messaging.words.p-alive-at-least", percent);
        } else if (a instanceof Audience.PointsAtLeast n) {
            return t.text("messaging.words.points", r.formats().number(n.points()));
        } else if (a instanceof Audience.PointsExpiringWithin e) {
            return t.text("messaging.words.expiring", e.days());
        } else if (a instanceof Audience.LastOrderOlderThan l) {
            return t.text("messaging.words.last-order", l.days());
        } else if (a instanceof Audience.ProfileAnswer q) {
            return t.text("messaging.words.profile", q.question(), q.answer());
        }
        return a.toString();
    }

    private String join(PageRequest r, List<Audience> parts, String word) {
        return parts.stream().map(p -> p instanceof Audience.AllOf || p instanceof Audience.AnyOf
                ? "(" + describe(r, p) + ")" : describe(r, p)).collect(Collectors.joining(" " + word + " "));
    }
}
