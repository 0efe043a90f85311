package dev.kizuna.core.spi;

import dev.kizuna.core.errors.InvalidInput;

/** An event the host sent is malformed; {@link #field()} names the offending field (e.g. {@code lines[2].quantity}). */
public class InvalidEventException extends InvalidInput {
    private static final long serialVersionUID = 1L;

    public InvalidEventException(String field, String key, Object... args) {
        super(field, key, args);
    }
}
