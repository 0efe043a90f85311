package dev.kizuna.admin.console;

import java.io.Serializable;

/** A one-time notice carried in the session across a redirect: {@code kind} is success, error or info. */
public record Flash(String kind, String text) implements Serializable {
    static final String ATTRIBUTE = "kizuna.console.flash";
}
