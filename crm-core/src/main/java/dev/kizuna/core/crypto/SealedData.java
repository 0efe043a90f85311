package dev.kizuna.core.crypto;

import dev.kizuna.core.persistence.Tx;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every place personal data is sealed, each able to seal its rows again under the current keys. All of it belongs
 * to a member (the mirror's row, the member's mails and inbox events, survey and profile answers), so the
 * {@code pii-key-rotation} job walks the members in keyset batches and hands each batch to every place here;
 * {@link #NO_MEMBER} in a batch stands for the rows that belong to no member (a mail without one, an anonymised
 * response). The kernel registers the mirror, the mail outbox and the inbox; a module adds its own tables.
 */
public final class SealedData {
    /** The key that stands for rows of no member in a batch (member ids start at 1). */
    public static final long NO_MEMBER = 0;

    /**
     * Seals again whatever of these members is not yet under the current keys (values written before sealing
     * included) and returns how many rows changed; rows already current are left alone.
     */
    @FunctionalInterface
    public interface Reseal {
        long reseal(Tx tx, List<Long> memberIds);
    }

    /** One place that holds sealed values, named (e.g. {@code mail_outbox}) in the job's outcome. */
    public record Place(String name, Reseal reseal) {
    }

    private final List<Place> places = new CopyOnWriteArrayList<>();

    public void add(String name, Reseal reseal) {
        places.add(new Place(name, reseal));
    }

    public List<Place> places() {
        return List.copyOf(places);
    }
}
