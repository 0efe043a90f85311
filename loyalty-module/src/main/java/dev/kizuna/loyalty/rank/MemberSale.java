package dev.kizuna.loyalty.rank;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.text.LocalizedText;

import java.time.Instant;
import java.util.List;

/**
 * A member sale: open to everyone from {@code startsAt} (unless {@code membersOnly}) until {@code endsAt}, and
 * earlier to the ranks listed in {@code earlyAccess}. A member's opening is the earliest of the entries for their
 * rank or a rank below it (a Diamond may enter whenever a Gold may), so higher ranks are never later.
 */
public record MemberSale(Long id, LocalizedText name, Instant startsAt, Instant endsAt, boolean membersOnly,
                         List<EarlyAccess> earlyAccess) {

    /** Members of {@code rank} (and the ranks above it) may buy from {@code opensAt}. */
    public record EarlyAccess(String rank, Instant opensAt) {
    }

    public MemberSale {
        earlyAccess = earlyAccess == null ? List.of() : List.copyOf(earlyAccess);
        for (String lang : new String[]{LocalizedText.JA, LocalizedText.EN}) {
            if (name == null || name.exactly(lang).map(t -> t.isBlank() || t.length() > 200).orElse(true)) {
                throw new InvalidInput("name." + lang, "required-too-long", 200);
            }
        }
        if (startsAt == null) {
            throw new InvalidInput("startsAt", "required");
        }
        if (endsAt == null || !endsAt.isAfter(startsAt)) {
            throw new InvalidInput("endsAt", "must-be-after", new dev.kizuna.core.i18n.ProblemTexts.Field("startsAt"));
        }
        for (int i = 0; i < earlyAccess.size(); i++) {
            EarlyAccess e = earlyAccess.get(i);
            if (e == null || e.rank() == null || e.rank().isBlank()) {
                throw new InvalidInput("earlyAccess[" + i + "].rank", "required");
            }
            if (e.opensAt() == null || !e.opensAt().isBefore(endsAt)) {
                throw new InvalidInput("earlyAccess[" + i + "].opensAt", "rank.sale-opens-before-end");
            }
        }
        if (membersOnly && earlyAccess.isEmpty()) {
            throw new InvalidInput("earlyAccess", "rank.sale-members-only");
        }
    }

    /** When a member of {@code rank} may start buying (null: never), by the ladder's levels. */
    public Instant opensFor(RankProgram program, String rank) {
        RankDefinition held = program.rankOrBase(rank);
        Instant opens = membersOnly ? null : startsAt;
        for (EarlyAccess e : earlyAccess) {
            RankDefinition r = program.find(e.rank()).orElse(null);
            if (r != null && r.level() <= held.level() && (opens == null || e.opensAt().isBefore(opens))) {
                opens = e.opensAt();
            }
        }
        return opens;
    }

    /** Whether a member of {@code rank} may buy at {@code at}. */
    public boolean open(RankProgram program, String rank, Instant at) {
        Instant opens = opensFor(program, rank);
        return opens != null && !at.isBefore(opens) && at.isBefore(endsAt);
    }
}
