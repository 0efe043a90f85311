package dev.kizuna.messaging.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The comparison group of a campaign: a customer is held out of {@code campaign} when the hash of the two falls in
 * the first {@code percent} of the range. Stable (a resumed send or the next step of a journey decides the same) and
 * independent between campaigns, without storing a draw.
 */
public final class Holdout {
    private Holdout() {
    }

    public static boolean heldOut(String campaign, long memberId, int percent) {
        if (percent <= 0) {
            return false;
        }
        return bucket(campaign, memberId) < percent * 100;
    }

    /** 0 … 9,999 from the first bytes of SHA-256 over the campaign and the member. */
    static int bucket(String campaign, long memberId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest((campaign + ":" + memberId).getBytes(StandardCharsets.UTF_8));
            long v = ((h[0] & 0xffL) << 24) | ((h[1] & 0xffL) << 16) | ((h[2] & 0xffL) << 8) | (h[3] & 0xffL);
            return (int) (v % 10_000);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
