package dev.kizuna.webhooks;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignaturesTest {

    @Test
    void signs_the_specifications_test_vector() {
        // the example of the Standard Webhooks reference libraries
        assertThat(WebhookSignatures.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void a_header_carries_one_signature_per_secret_in_force() {
        String a = WebhookSignatures.newSecret();
        String b = WebhookSignatures.newSecret();
        String header = WebhookSignatures.header(List.of(a, b), "msg_1", 1L, "{}");

        assertThat(header.split(" ")).containsExactly(WebhookSignatures.sign(a, "msg_1", 1L, "{}"),
                WebhookSignatures.sign(b, "msg_1", 1L, "{}"));
        assertThat(a).startsWith("whsec_").isNotEqualTo(b);
    }
}
