package dev.kizuna.segment.duplicates;

import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Two members who are likely one person, with what they share. The rules of deciding a pair are here: which
 * member survives (one of the two, by the host's customer id), which one is suggested (the older account, which
 * usually holds the history and the address the shopper signs in with), and what merging or dismissing a pair that
 * was decided before does (nothing, so a repeated click or request is harmless).
 */
public record DuplicatePair(long id, Member first, Member second, List<DuplicateEvidence> evidence, PairStatus status,
                            Instant foundAt, Instant decidedAt, String decidedBy) {

    /** One side of a pair as staff compare it; {@code name} and {@code email} are clear text for the console to mask. */
    public record Member(long memberId, String customerRef, String name, String email, Instant registeredAt,
                         long orders, long spend) {
    }

    /** What a decision on the pair does. */
    public enum Step {
        /** apply it */
        APPLY,
        /** it was already so: change nothing, report success */
        NOTHING
    }

    public DuplicatePair {
        evidence = evidence.stream().sorted(Comparator.comparingInt(DuplicateEvidence::ordinal)).distinct().toList();
    }

    /** The member staff chose to keep; refuses a customer id that is not one of the pair, naming {@code survivor}. */
    public Member survivor(String customerRef) {
        if (customerRef == null || customerRef.isBlank()) {
            throw new InvalidInput("survivor", "required");
        }
        String ref = customerRef.strip();
        if (first.customerRef().equals(ref)) {
            return first;
        }
        if (second.customerRef().equals(ref)) {
            return second;
        }
        throw new InvalidInput("survivor", "duplicates.survivor-not-in-pair", first.customerRef(), second.customerRef());
    }

    /** The other member of the pair. */
    public Member other(Member m) {
        return m.memberId() == first.memberId() ? second : first;
    }

    /**
     * The member the console suggests keeping: the one registered first (a member the host never registered, a
     * placeholder, counts as registered last), then the one with more orders, then the lower id.
     */
    public Member suggested() {
        Comparator<Member> older = Comparator.comparing(Member::registeredAt, Comparator.nullsLast(Comparator.naturalOrder()));
        return List.of(first, second).stream()
                .min(older.thenComparing(Comparator.comparingLong(Member::orders).reversed())
                        .thenComparingLong(Member::memberId)).orElseThrow();
    }

    /** Merging: an open or dismissed pair is merged (staff may change their mind); a merged one is left as it is. */
    public Step merging() {
        return status == PairStatus.MERGED ? Step.NOTHING : Step.APPLY;
    }

    /** Dismissing: an open pair is dismissed, a dismissed one is left, a merged one cannot be undone. */
    public Step dismissing() {
        return switch (status) {
            case OPEN -> Step.APPLY;
            case DISMISSED -> Step.NOTHING;
            case MERGED -> throw new Conflict("PAIR_MERGED", "pair " + id + " was merged; a merge is not undone");
        };
    }
}
