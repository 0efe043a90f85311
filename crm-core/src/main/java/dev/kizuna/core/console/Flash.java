package dev.kizuna.core.console;

import java.io.Serializable;

/** A one-time notice carried in the session across a redirect: {@code kind} is success, error or info. */
public record Flash(String kind, String text) implements Serializable {
    public static final String ATTRIBUTE = "kizuna.console.flash";
}
