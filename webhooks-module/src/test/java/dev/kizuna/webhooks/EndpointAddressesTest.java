package dev.kizuna.webhooks;

import dev.kizuna.core.errors.InvalidInput;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SSRF rules on literal addresses and on what a name resolves to. */
class EndpointAddressesTest {

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void private_loopback_and_unique_local_addresses_are_refused_unless_allowed() {
        for (String a : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1", "::1", "fd00::1",
                "::ffff:10.0.0.1")) {
            assertThat(EndpointAddresses.refusal(ip(a), false)).as(a).isPresent();
            assertThat(EndpointAddresses.refusal(ip(a), true)).as(a).isEmpty();
        }
    }

    @Test
    void link_local_unspecified_and_multicast_addresses_are_refused_always() {
        for (String a : List.of("169.254.169.254", "fe80::1", "0.0.0.0", "::", "224.0.0.1", "::ffff:169.254.169.254")) {
            assertThat(EndpointAddresses.refusal(ip(a), true)).as(a).isPresent();
        }
    }

    @Test
    void public_addresses_pass() {
        assertThat(EndpointAddresses.refusal(ip("93.184.216.34"), false)).isEmpty();
        assertThat(EndpointAddresses.refusal(ip("2606:2800:220:1:248:1893:25c8:1946"), false)).isEmpty();
    }

    @Test
    void a_name_is_judged_by_every_address_it_resolves_to_and_plain_http_needs_the_private_setting() {
        EndpointAddresses rebinding = new EndpointAddresses(false, host -> List.of(ip("93.184.216.34"), ip("10.0.0.5")));
        assertThatThrownBy(() -> rebinding.check("url", "https://hooks.example.com/in"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.key()).isEqualTo("webhook.address-refused"));

        EndpointAddresses public_ = new EndpointAddresses(false, host -> List.of(ip("93.184.216.34")));
        assertThat(public_.check("url", "https://hooks.example.com/in")).isEqualTo(URI.create("https://hooks.example.com/in"));
        assertThatThrownBy(() -> public_.check("url", "http://hooks.example.com/in"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.key()).isEqualTo("webhook.url-not-https"));
        assertThatThrownBy(() -> public_.check("url", "https://user:pw@hooks.example.com/in"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.key()).isEqualTo("webhook.url-invalid"));
    }
}
