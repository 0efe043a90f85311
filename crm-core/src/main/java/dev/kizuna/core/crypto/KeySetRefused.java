package dev.kizuna.core.crypto;

/**
 * A node's keys are not the installation's: starting would write data the other nodes cannot read, or fail to read
 * theirs. The message names the key id and what to do; the node does not start.
 */
public final class KeySetRefused extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    KeySetRefused(String message) {
        super(message);
    }
}
