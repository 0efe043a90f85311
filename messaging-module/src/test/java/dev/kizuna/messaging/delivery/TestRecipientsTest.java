package dev.kizuna.messaging.delivery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where a test of a message may go: the shop's addresses and domains, by default the sender's domain. */
class TestRecipientsTest {

    @Test
    void by_default_the_domain_of_the_senders_contact_address_and_its_subdomains() {
        TestRecipients r = TestRecipients.of(null, "support@example.jp");
        assertThat(r.allows("staff@example.jp")).isTrue();
        assertThat(r.allows("Staff@Shop.Example.jp")).isTrue();
        assertThat(r.allows("someone@gmail.com")).isFalse();
        assertThat(r.allows("someone@notexample.jp")).as("a longer name, not a subdomain").isFalse();
    }

    @Test
    void a_contact_that_is_no_address_leaves_any_address_allowed() {
        assertThat(TestRecipients.of("", "03-1234-5678").allows("someone@gmail.com")).isTrue();
    }

    @Test
    void configured_addresses_and_domains_replace_the_default() {
        TestRecipients r = TestRecipients.of("crm@agency.example.com, @shop.example.jp", "support@example.jp");
        assertThat(r.allows("crm@agency.example.com")).isTrue();
        assertThat(r.allows("other@agency.example.com")).isFalse();
        assertThat(r.allows("a@shop.example.jp")).isTrue();
        assertThat(r.allows("a@example.jp")).isFalse();
        assertThat(r.text("、")).isEqualTo("crm@agency.example.com、@shop.example.jp");
        assertThat(TestRecipients.of("*", "support@example.jp").allows("x@y.example")).isTrue();
        assertThatThrownBy(() -> TestRecipients.of("example.jp", "support@example.jp"))
                .hasMessageContaining("kizuna.messaging.test-recipients");
    }
}
