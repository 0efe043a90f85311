package dev.kizuna.core.console;

/**
 * One headline number of a page (the dashboard's liability, the customer's available points): {@code id} names its
 * element ({@code figure-liability}), {@code label} and {@code value} are the texts shown, {@code negative} marks a
 * value to show as bad news.
 */
public record Figure(String id, String label, String value, boolean negative) {
    public static Figure of(String id, String label, String value) {
        return new Figure(id, label, value, false);
    }
}
