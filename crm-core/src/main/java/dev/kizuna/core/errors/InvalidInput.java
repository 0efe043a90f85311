package dev.kizuna.core.errors;

/** Input that breaks a rule; {@link #field()} names the field (JSON path style, e.g. {@code lines[0].quantity}). */
public class InvalidInput extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidInput(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The message without the field prefix. */
    public String reason() {
        String m = getMessage();
        return m.startsWith(field + ": ") ? m.substring(field.length() + 2) : m;
    }
}
