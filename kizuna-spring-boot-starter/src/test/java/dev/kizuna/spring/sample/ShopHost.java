package dev.kizuna.spring.sample;

import dev.kizuna.core.spi.AdminAuthenticator;
import dev.kizuna.core.spi.HostPorts;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.time.ZoneId;
import java.util.Currency;
import java.util.Optional;

/** The shop's side of Kizuna's SPI: who is signed in (Spring Security), contact details, zone and currency. */
@Component
class ShopHost implements HostPorts {
    private final JdbcTemplate jdbc;

    ShopHost(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static Optional<Authentication> signedIn(String authority) {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return Optional.ofNullable(a).filter(Authentication::isAuthenticated)
                .filter(x -> x.getAuthorities().stream().anyMatch(g -> g.getAuthority().equals(authority)));
    }

    @Override
    public Optional<String> currentShopper(HttpServletRequest request) {
        return signedIn("ROLE_SHOPPER").map(Authentication::getName);
    }

    /** The shop's admins are the console's admins: Spring Security vouches for them. */
    @Override
    public Optional<AdminAuthenticator> adminAuthenticator() {
        return Optional.of(request -> signedIn("ROLE_ADMIN")
                .map(a -> new AdminAuthenticator.AdminIdentity(a.getName(), "admin")));
    }

    @Override
    public Optional<Contact> contact(String customerId) {
        return jdbc.query("SELECT email, name FROM shop.customer WHERE id = ?",
                (rs, n) -> new Contact(rs.getString(1), rs.getString(2), "ja"), customerId).stream().findFirst();
    }

    @Override
    public ZoneId shopZone() {
        return ZoneId.of("Asia/Tokyo");
    }

    @Override
    public Currency shopCurrency() {
        return Currency.getInstance("JPY");
    }
}
