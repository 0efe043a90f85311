package dev.kizuna.demo;

import dev.kizuna.core.i18n.ProblemTexts;
import dev.kizuna.core.web.ApiHandler;
import dev.kizuna.core.web.ApiRequest;
import dev.kizuna.core.web.ApiResponse;
import dev.kizuna.core.web.Caller;
import dev.kizuna.core.web.Callers;
import dev.kizuna.core.web.Problem;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who may use the shop API's routes that read a customer (e-mail, birth date) or act on their orders: the signed-in
 * shopper who is that customer, or an admin (the dev token, or a console session showing its CSRF token). A shopper
 * asking for someone else's is told it does not exist; nobody signed in is asked to sign in.
 */
final class CustomerAccess {
    private CustomerAccess() {
    }

    /**
     * Runs {@code then} if the caller may act for {@code owner} (a host customer id; empty when the thing does not
     * exist, which only an admin then learns from {@code then}); {@code notYours} is what another shopper gets.
     */
    static Object ownerOrAdmin(ApiRequest r, Optional<String> owner, Supplier<RuntimeException> notYours,
                               ApiHandler then) throws Exception {
        boolean change = !"GET".equals(r.http().getMethod()) && !"HEAD".equals(r.http().getMethod());
        Caller caller = r.caller();
        if (caller instanceof Caller.Admin admin) {
            if (change && admin.viaSession() && !Callers.csrfOk(r.http())) {
                return problem(r, 403, "title.forbidden", "api.csrf");
            }
            return then.handle(r);
        }
        if (caller instanceof Caller.Shopper shopper) {
            // a cross-site form can carry the shopper's cookie but not a JSON content type
            String type = r.http().getContentType();
            if (change && (type == null || !type.startsWith("application/json"))) {
                return problem(r, 415, "title.media-type", "api.send-json");
            }
            if (owner.isEmpty() || !owner.get().equals(shopper.customerRef())) {
                throw notYours.get();
            }
            return then.handle(r);
        }
        return problem(r, 401, "title.sign-in", "shop.sign-in-or-token");
    }

    /** The refusal as a problem body in the caller's language (crm-core's texts for the same refusals). */
    private static ApiResponse problem(ApiRequest r, int status, String title, String detail) {
        ProblemTexts texts = ProblemTexts.shared();
        return new ApiResponse(status, Problem.of(status, texts.text(r.locale(), title), texts.text(r.locale(), detail)),
                "application/problem+json", Map.of());
    }
}
