package dev.kizuna.core.text;

/**
 * What text Kizuna takes in: no NUL and no other control characters (C0, DEL, C1), except tab and line breaks,
 * which free text (answers, reasons, descriptions) may hold. Identifiers have their own, narrower patterns.
 */
public final class InputText {

    private InputText() {
    }

    /** The first refused character of {@code s}, or -1. */
    public static int firstControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
        }
        return -1;
    }
}
