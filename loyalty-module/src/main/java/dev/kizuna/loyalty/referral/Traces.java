package dev.kizuna.loyalty.referral;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * What tells one member from another for the fraud rules: the blind indexes of e-mail and phone, and the host's
 * hashes of devices, postal addresses and means of payment seen for the member.
 */
public record Traces(byte[] emailIndex, byte[] phoneIndex, Set<String> devices, Set<String> addresses,
                     Set<String> payments) {

    public Traces {
        devices = Set.copyOf(devices);
        addresses = Set.copyOf(addresses);
        payments = Set.copyOf(payments);
    }

    /**
     * The first rule by which the referred shopper is the referrer again, checked in the order of {@link BlockRule};
     * empty when the two share nothing.
     */
    public static Optional<BlockRule> selfReferral(Traces referrer, Traces referred) {
        if (same(referrer.emailIndex, referred.emailIndex)) {
            return Optional.of(BlockRule.SAME_EMAIL);
        }
        if (same(referrer.phoneIndex, referred.phoneIndex)) {
            return Optional.of(BlockRule.SAME_PHONE);
        }
        if (shared(referrer.devices, referred.devices)) {
            return Optional.of(BlockRule.SAME_DEVICE);
        }
        if (shared(referrer.addresses, referred.addresses)) {
            return Optional.of(BlockRule.SAME_ADDRESS);
        }
        if (shared(referrer.payments, referred.payments)) {
            return Optional.of(BlockRule.SAME_PAYMENT);
        }
        return Optional.empty();
    }

    private static boolean same(byte[] a, byte[] b) {
        return a != null && b != null && Arrays.equals(a, b);
    }

    private static boolean shared(Set<String> a, Set<String> b) {
        return a.stream().anyMatch(b::contains);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Traces t && Arrays.equals(emailIndex, t.emailIndex) && Arrays.equals(phoneIndex, t.phoneIndex)
                && devices.equals(t.devices) && addresses.equals(t.addresses) && payments.equals(t.payments);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(emailIndex) * 31 + Arrays.hashCode(phoneIndex) + devices.hashCode();
    }

    @Override
    public String toString() {
        return "Traces[devices=" + devices.size() + ", addresses=" + addresses.size() + ", payments=" + payments.size() + "]";
    }
}
