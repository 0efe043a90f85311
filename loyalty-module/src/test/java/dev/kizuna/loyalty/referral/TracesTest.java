package dev.kizuna.loyalty.referral;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The self-referral rules on their own. */
class TracesTest {

    static Traces traces(byte[] email, byte[] phone, Set<String> devices, Set<String> addresses, Set<String> payments) {
        return new Traces(email, phone, devices, addresses, payments);
    }

    @Test
    void each_shared_trace_names_its_rule_and_unknown_traces_never_match() {
        Traces referrer = traces(new byte[]{1}, new byte[]{2}, Set.of("d1"), Set.of("a1"), Set.of("p1"));
        assertThat(Traces.selfReferral(referrer, traces(new byte[]{1}, null, Set.of(), Set.of(), Set.of())))
                .contains(BlockRule.SAME_EMAIL);
        assertThat(Traces.selfReferral(referrer, traces(new byte[]{9}, new byte[]{2}, Set.of(), Set.of(), Set.of())))
                .contains(BlockRule.SAME_PHONE);
        assertThat(Traces.selfReferral(referrer, traces(null, null, Set.of("d2", "d1"), Set.of(), Set.of())))
                .contains(BlockRule.SAME_DEVICE);
        assertThat(Traces.selfReferral(referrer, traces(null, null, Set.of(), Set.of("a1"), Set.of())))
                .contains(BlockRule.SAME_ADDRESS);
        assertThat(Traces.selfReferral(referrer, traces(null, null, Set.of(), Set.of(), Set.of("p1"))))
                .contains(BlockRule.SAME_PAYMENT);
        assertThat(Traces.selfReferral(traces(null, null, Set.of(), Set.of(), Set.of()),
                traces(null, null, Set.of(), Set.of(), Set.of()))).isEmpty();
        assertThat(Traces.selfReferral(referrer, traces(new byte[]{3}, new byte[]{4}, Set.of("d9"), Set.of("a9"),
                Set.of("p9")))).isEmpty();
    }
}
