package dev.kizuna.segment.duplicates;

import dev.kizuna.core.console.PiiMask;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.web.Access;
import dev.kizuna.core.web.ApiRoutes;
import dev.kizuna.core.web.Caller;
import dev.kizuna.core.web.Role;

import java.time.Instant;
import java.util.List;

/**
 * <ul>
 *   <li>{@code GET /duplicates?limit=} (ADMIN, SUPPORT): the open likely-duplicate pairs, newest first, with their
 *       evidence and the suggested survivor; names and e-mails masked for the support role, as on the customers list;</li>
 *   <li>{@code POST /duplicates/{id}/merge} {@code {"survivor":"<customer id>"}} (ADMIN, SUPPORT): merges the pair's
 *       other member into the survivor, audited; a pair merged before answers {@code changed: false};</li>
 *   <li>{@code POST /duplicates/{id}/dismiss} (ADMIN, SUPPORT): the two are different people, audited.</li>
 * </ul>
 */
final class DuplicatesApi {
    static final int MAX_LIST = 500;

    record MergeBody(String survivor) {
    }

    record MemberView(String customerId, String name, String email, Instant registeredAt, long orders, long spend) {
    }

    record PairView(long id, List<DuplicateEvidence> evidence, PairStatus status, Instant foundAt, MemberView first,
                    MemberView second, String suggestedSurvivor) {
    }

    record Dismissed(long id, boolean changed) {
    }

    private DuplicatesApi() {
    }

    static void register(ApiRoutes api, Duplicates duplicates) {
        Access staff = Access.admin(Role.ADMIN, Role.SUPPORT);
        api.doc("The open likely-duplicate customer pairs with their evidence").returnsListOf(PairView.class)
                .get("/duplicates", staff, r -> {
                    boolean mask = r.caller() instanceof Caller.Admin a && a.role() == Role.SUPPORT;
                    return duplicates.open(r.queryInt("limit", 100, 1, MAX_LIST)).stream().map(p -> view(p, mask)).toList();
                });
        api.doc("Merges a duplicate pair onto the customer kept (audited; a repeat changes nothing)")
                .body(MergeBody.class).returns(Duplicates.Merged.class)
                .post("/duplicates/{id}/merge", staff, r -> duplicates.merge(pairId(r.path("id")),
                        r.body(MergeBody.class).survivor(), r.actor()));
        api.doc("Dismisses a duplicate pair: two different people (audited)").returns(Dismissed.class)
                .post("/duplicates/{id}/dismiss", staff, r -> {
                    long id = pairId(r.path("id"));
                    return new Dismissed(id, duplicates.dismiss(id, r.actor()));
                });
    }

    static long pairId(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new InvalidInput("id", "whole-number");
        }
    }

    static PairView view(DuplicatePair p, boolean mask) {
        return new PairView(p.id(), p.evidence(), p.status(), p.foundAt(), member(p.first(), mask),
                member(p.second(), mask), p.suggested().customerRef());
    }

    private static MemberView member(DuplicatePair.Member m, boolean mask) {
        return new MemberView(m.customerRef(), mask ? PiiMask.name(m.name()) : m.name(),
                mask ? PiiMask.email(m.email()) : m.email(), m.registeredAt(), m.orders(), m.spend());
    }
}
