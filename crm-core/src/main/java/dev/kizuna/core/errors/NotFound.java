package dev.kizuna.core.errors;

/** The thing asked for does not exist (or is not the caller's to see). */
public class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
        super(message);
    }
}
