package dev.kizuna.core.spi;

import jakarta.servlet.http.HttpServletRequest;

import java.time.ZoneId;
import java.util.Currency;
import java.util.Optional;

/** What Kizuna needs from the host shop. The host implements it; unit tests fake it. */
public interface HostPorts {

    /** The signed-in shopper of this request (the host's customer id), if any. */
    Optional<String> currentShopper(HttpServletRequest request);

    /** Contact details for mail; empty when the host has none or the shopper opted out of mail. */
    Optional<Contact> contact(String customerId);

    ZoneId shopZone();

    Currency shopCurrency();

    /** The host's own admin login, when it has one; otherwise Kizuna's console uses its own admin users. */
    default Optional<AdminAuthenticator> adminAuthenticator() {
        return Optional.empty();
    }

    /** The host's orders, for reconciliation and hold release; empty when the host offers none. */
    default Optional<HostOrders> orders() {
        return Optional.empty();
    }

    /**
     * The customer's LINE user id, linked through the host's LINE Login; empty when the customer has not linked a
     * LINE account (or the host has no LINE Login).
     */
    default Optional<String> lineUserId(String customerId) {
        return Optional.empty();
    }

    /**
     * The host's categories and products with their names; empty when it offers none (the console then lists the
     * categories and SKUs seen in orders, named by their keys).
     */
    default Optional<HostCatalog> catalog() {
        return Optional.empty();
    }

    record Contact(String email, String name, String locale) {
    }
}
