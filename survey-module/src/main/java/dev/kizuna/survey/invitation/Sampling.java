package dev.kizuna.survey.invitation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which customers a survey samples: bucket = first 32 bits of md5("survey:member") mod 100, selected when below the
 * sampling percent. Deterministic, so a rerun (or a resumed run) decides as the first did, and a customer left out
 * of a 20 % survey stays out rather than being drawn again with every order. The invitation job computes the same
 * bucket in SQL ({@link #SQL_BUCKET}).
 */
public final class Sampling {
    /** The bucket in SQL, formatted with the survey id and member id expressions. */
    static final String SQL_BUCKET = "(('x' || substr(md5(%s::text || ':' || %s::text), 1, 8))::bit(32)::bigint %% 100)";

    private Sampling() {
    }

    public static int bucket(long surveyId, long memberId) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest((surveyId + ":" + memberId).getBytes(StandardCharsets.UTF_8));
            long first32 = ((d[0] & 0xFFL) << 24) | ((d[1] & 0xFFL) << 16) | ((d[2] & 0xFFL) << 8) | (d[3] & 0xFFL);
            return (int) (first32 % 100);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }

    public static boolean selected(long surveyId, long memberId, int samplingPercent) {
        return bucket(surveyId, memberId) < samplingPercent;
    }
}
