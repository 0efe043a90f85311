package dev.kizuna.admin.console.customers;

import dev.kizuna.admin.console.Formats;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.loyalty.rank.RankQueries;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the 360° page shows about one customer, gathered from the core mirror and each installed feature's
 * service. Masking for the support role happens here, before anything reaches a template.
 */
public final class Customer360 {
    public static final int LEDGER_PAGE_SIZE = 20;

    private final KizunaRuntime runtime;

    public Customer360(KizunaRuntime runtime) {
        this.runtime = runtime;
    }

    /** The page model, or empty when Kizuna knows no such customer. */
    public Optional<Map<String, Object>> model(String customerRef, Locale locale, Formats formats, boolean masked,
                                               int ledgerPage) {
        CustomerProfiles profiles = new CustomerProfiles(runtime.context().cipher());
        String currency = runtime.context().host().shopCurrency().getCurrencyCode();
        Map<String, Object> model = new HashMap<>();
        boolean found = runtime.context().database().inTransaction(tx -> {
            Optional<CustomerProfiles.Profile> p = profiles.profile(tx, customerRef);
            if (p.isEmpty()) {
                return false;
            }
            CustomerProfiles.Profile profile = masked ? mask(p.get()) : p.get();
            model.put("profile", profile);
            model.put("orders", profiles.orders(tx, profile.memberId(), currency));
            return true;
        });
        if (!found) {
            return Optional.empty();
        }
        model.put("masked", masked);
        model.put("ref", customerRef);
        runtime.context().ports().find(RankQueries.class).ifPresentOrElse(ranks -> {
            model.put("ranksInstalled", true);
            ranks.status(customerRef, locale, false).ifPresent(s -> model.put("rank", s));
        }, () -> model.put("ranksInstalled", false));
        CustomerSections.add(runtime, customerRef, locale, masked, ledgerPage, model);
        return Optional.of(model);
    }

    static CustomerProfiles.Profile mask(CustomerProfiles.Profile p) {
        return new CustomerProfiles.Profile(p.memberId(), p.customerRef(), PiiMask.email(p.email()),
                PiiMask.name(p.displayName()), PiiMask.hidden(p.birthDate()), p.locale(), p.consents(), p.registeredAt(),
                p.erasedAt());
    }
}
