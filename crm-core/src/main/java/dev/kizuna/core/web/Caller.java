package dev.kizuna.core.web;

/** Who is calling: nobody in particular, a signed-in shopper (host customer id), or a console user. */
public sealed interface Caller {

    record Anonymous() implements Caller {
    }

    record Shopper(String customerRef) implements Caller {
    }

    /** {@code viaSession} is true for the console's cookie session, which must show a CSRF token on changes. */
    record Admin(String username, Role role, boolean viaSession) implements Caller {
    }
}
