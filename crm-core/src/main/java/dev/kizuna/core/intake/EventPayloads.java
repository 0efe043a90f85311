package dev.kizuna.core.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kizuna.core.crypto.FieldCipher;
import dev.kizuna.core.crypto.SealedData;
import dev.kizuna.core.json.Json;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.CustomerUpdated;
import dev.kizuna.core.spi.HostEvent;
import dev.kizuna.core.spi.SearchPerformed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event as the inbox stores it: its JSON, with the personal fields of customer events (e-mail, name, phone,
 * birth date) and the free text of searches replaced by their AES-GCM ciphertext bound to the event and the field,
 * so {@code event_inbox.payload} never holds them in clear, applied or not. Reading a stored event opens them again
 * for a replay; a payload stored before sealing reads as it is.
 */
public final class EventPayloads {
    /** The JSON fields, by event type, that identify the person or are free text a shopper typed. */
    private static final Map<String, List<String>> SEALED = Map.of(
            CustomerRegistered.class.getSimpleName(), List.of("email", "name", "phone", "birthDate"),
            CustomerUpdated.class.getSimpleName(), List.of("email", "name", "phone", "birthDate"),
            SearchPerformed.class.getSimpleName(), List.of("query"));

    private static final Map<String, Class<? extends HostEvent>> TYPES = new LinkedHashMap<>();

    static {
        for (Class<?> c : HostEvent.class.getPermittedSubclasses()) {
            TYPES.put(c.getSimpleName(), c.asSubclass(HostEvent.class));
        }
    }

    private final FieldCipher cipher;

    public EventPayloads(FieldCipher cipher) {
        this.cipher = cipher;
    }

    /** The associated data of a sealed payload field: binds the ciphertext to its event and field. */
    public static String context(String eventId, String field) {
        return "event_inbox." + field + ":" + eventId;
    }

    private static List<String> sealedFields(String eventType) {
        return SEALED.getOrDefault(eventType, List.of());
    }

    public String write(HostEvent e) {
        List<String> fields = sealedFields(e.getClass().getSimpleName());
        if (fields.isEmpty()) {
            return Json.write(e);
        }
        ObjectNode tree = Json.MAPPER.valueToTree(e);
        for (String f : fields) {
            JsonNode v = tree.get(f);
            if (v != null && v.isTextual()) {
                tree.put(f, cipher.encrypt(v.asText(), context(e.eventId(), f)));
            }
        }
        return tree.toString();
    }

    /** An event from JSON with no sealed fields (the host outbox seals its rows as a whole). */
    static HostEvent readPlain(String type, String payload) {
        return Json.read(payload, typeOf(type));
    }

    private static Class<? extends HostEvent> typeOf(String type) {
        Class<? extends HostEvent> c = TYPES.get(type);
        if (c == null) {
            throw new IllegalStateException("unknown event type in inbox: " + type);
        }
        return c;
    }

    public HostEvent read(String type, String payload) {
        Class<? extends HostEvent> c = typeOf(type);
        List<String> fields = sealedFields(type);
        if (fields.isEmpty()) {
            return Json.read(payload, c);
        }
        ObjectNode tree = (ObjectNode) Json.read(payload, JsonNode.class);
        String eventId = tree.path("eventId").asText();
        for (String f : fields) {
            JsonNode v = tree.get(f);
            if (v != null && v.isTextual()) {
                tree.put(f, cipher.open(v.asText(), context(eventId, f)));
            }
        }
        try {
            return Json.MAPPER.treeToValue(tree, c);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalArgumentException("cannot read stored event " + eventId + ": " + ex.getOriginalMessage(), ex);
        }
    }

    /**
     * Seals the stored events of these members (customer events, searches; and anonymous searches for
     * {@link SealedData#NO_MEMBER}) again under the current key; returns how many changed.
     */
    public long reseal(Tx tx, List<Long> memberIds) {
        // Locked as read: an erasure removing fields must not be undone by a write of what was read before it.
        List<String[]> rows = new ArrayList<>(tx.sql().list("""
                SELECT i.event_id, i.event_type, i.payload::text FROM event_inbox i
                JOIN member m ON m.customer_ref = i.payload ->> 'customerId'
                WHERE m.id = ANY(?) AND i.event_type IN ('CustomerRegistered', 'CustomerUpdated', 'SearchPerformed')
                FOR UPDATE OF i""",
                rs -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)},
                tx.sql().longArray(memberIds.toArray(Long[]::new))));
        if (memberIds.contains(SealedData.NO_MEMBER)) {
            rows.addAll(tx.sql().list("""
                    SELECT event_id, event_type, payload::text FROM event_inbox
                    WHERE event_type = 'SearchPerformed' AND payload ->> 'customerId' IS NULL FOR UPDATE""",
                    rs -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)}));
        }
        long changed = 0;
        for (String[] r : rows) {
            String again = reseal(r[0], r[1], r[2]);
            if (!again.equals(r[2])) {
                tx.sql().update("UPDATE event_inbox SET payload = ?::jsonb WHERE event_id = ?", again, r[0]);
                changed++;
            }
        }
        return changed;
    }

    /**
     * The stored payload with its personal fields sealed under the current key: as it is when they already are,
     * else opened and sealed again (a rotation, or a payload stored before sealing).
     */
    String reseal(String eventId, String eventType, String payload) {
        ObjectNode tree = (ObjectNode) Json.read(payload, JsonNode.class);
        boolean changed = false;
        for (String f : sealedFields(eventType)) {
            JsonNode v = tree.get(f);
            if (v != null && v.isTextual()) {
                String again = cipher.reseal(v.asText(), context(eventId, f));
                if (!again.equals(v.asText())) {
                    tree.put(f, again);
                    changed = true;
                }
            }
        }
        return changed ? tree.toString() : payload;
    }
}
