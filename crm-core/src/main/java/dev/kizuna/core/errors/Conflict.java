package dev.kizuna.core.errors;

/**
 * A well-formed request that the current state refuses (not enough points, a coupon already used). {@link #code()}
 * is a stable machine-readable reason, e.g. {@code INSUFFICIENT_POINTS}, {@code COUPON_EXPIRED}.
 */
public class Conflict extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;

    public Conflict(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
