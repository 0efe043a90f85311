package dev.kizuna.core.spi;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;

/** Lets a host with its own admin login vouch for the console user of a request. */
public interface AdminAuthenticator {

    Optional<AdminIdentity> authenticate(HttpServletRequest request);

    record AdminIdentity(String username, String role) {
    }
}
