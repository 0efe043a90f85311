package dev.kizuna.core.console;

/**
 * The shell's 360° page, for a feature whose form on it was refused: it shows the page again with the errors beside
 * the form's fields.
 */
public interface Customer360Page {
    PageResult show(PageRequest request, String customerRef, FormErrors errors, int status);
}
