package dev.kizuna.core.crypto;

import dev.kizuna.core.persistence.Database;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One key set per installation. The database keeps a key-check value (an HMAC of a fixed label under the key) of
 * every key a node started with; a node starts only when its keys give the recorded values, it holds every
 * encryption key data may still be sealed with, and — when it makes a new encryption key current — every running node
 * already holds that key. New keys are recorded by the first node that brings them, so rotation is: add the key to
 * every node, then make it current, then run {@code pii-key-rotation}.
 */
public final class InstallationKeys {
    /** The token signing key has no id of its own (it is not rotated); its check is recorded under this one. */
    public static final String TOKEN_KEY_ID = "token";
    private static final byte[] LABEL = "kizuna key check v1".getBytes(StandardCharsets.UTF_8);

    public enum Kind { ENCRYPTION, INDEX, TOKEN }

    /** This node's keys, as its configuration gives them. */
    public record NodeKeys(Map<String, byte[]> encryption, String currentEncryption, String indexId, byte[] index,
                           byte[] token) {
        public NodeKeys {
            encryption = new TreeMap<>(encryption);
        }
    }

    private InstallationKeys() {
    }

    /**
     * Checks this node's keys against the installation's and records the new ones.
     *
     * @throws KeySetRefused naming the key and what to do, with nothing recorded
     */
    public static void verify(Database db, String nodeId, NodeKeys keys) {
        db.inTransaction(tx -> {
            List<KeyCheckStore.Recorded> recorded = KeyCheckStore.lockAndRead(tx);
            Map<String, KeyCheckStore.Recorded> byId = new HashMap<>();
            recorded.forEach(r -> byId.put(r.kind() + ":" + r.keyId(), r));

            Map<String, byte[]> checks = new TreeMap<>();
            keys.encryption().forEach((id, key) -> checks.put(Kind.ENCRYPTION + ":" + id, checkValue(Kind.ENCRYPTION, id, key)));
            checks.put(Kind.INDEX + ":" + keys.indexId(), checkValue(Kind.INDEX, keys.indexId(), keys.index()));
            checks.put(Kind.TOKEN + ":" + TOKEN_KEY_ID, checkValue(Kind.TOKEN, TOKEN_KEY_ID, keys.token()));
            checks.forEach((id, check) -> {
                KeyCheckStore.Recorded r = byId.get(id);
                if (r != null && !MessageDigest.isEqual(r.checkValue(), check)) {
                    throw new KeySetRefused(differs(r.kind(), r.keyId()));
                }
            });
            // the token key has one id, so a different token key was caught above; index keys are replaced by rotation
            for (KeyCheckStore.Recorded r : recorded) {
                if (r.kind() == Kind.ENCRYPTION && !r.retired() && !keys.encryption().containsKey(r.keyId())) {
                    throw new KeySetRefused("Refusing to start: this installation holds data sealed with encryption key '"
                            + r.keyId() + "', which this node lacks. Add it to kizuna.crypto.keys with the value the other"
                            + " nodes have (a key can be left out only after a finished pii-key-rotation run).");
                }
            }
            Optional<KeyCheckStore.Recorded> current = recorded.stream()
                    .filter(r -> r.kind() == Kind.ENCRYPTION && r.currentSince() != null)
                    .max(Comparator.comparing(KeyCheckStore.Recorded::currentSince));
            KeyCheckStore.Recorded mine = byId.get(Kind.ENCRYPTION + ":" + keys.currentEncryption());
            boolean becomesCurrent = mine == null || mine.currentSince() == null;
            if (becomesCurrent && current.isPresent()) {
                List<String> lacking = KeyCheckStore.runningNodesLacking(tx, keys.currentEncryption(), nodeId);
                if (!lacking.isEmpty()) {
                    throw new KeySetRefused("Refusing to make encryption key '" + keys.currentEncryption()
                            + "' current: running node(s) " + String.join(", ", lacking) + " do not hold it. Add the key"
                            + " to kizuna.crypto.keys on every node first (keeping '" + current.get().keyId()
                            + "' current) and restart them; then make it current.");
                }
            }
            checks.forEach((id, check) -> {
                String[] kindAndId = id.split(":", 2);
                KeyCheckStore.record(tx, Kind.valueOf(kindAndId[0]), kindAndId[1], check);
            });
            KeyCheckStore.makeCurrent(tx, keys.currentEncryption());
            KeyCheckStore.registerNode(tx, nodeId, new ArrayList<>(keys.encryption().keySet()), keys.currentEncryption());
            return null;
        });
    }

    /** Whether any key was ever recorded here: an installation without one has sealed nothing yet. */
    public static boolean anyRecorded(Database db) {
        return db.inTransaction(tx -> tx.sql().number("SELECT count(*) FROM key_check")) > 0;
    }

    /** After a finished rotation run, the encryption keys nothing is sealed with any more. */
    static int retireOldKeys(Database db, String currentKeyId) {
        return db.inTransaction(tx -> KeyCheckStore.retireAllBut(tx, currentKeyId));
    }

    private static String differs(Kind kind, String keyId) {
        String which = switch (kind) {
            case ENCRYPTION -> "encryption key '" + keyId + "' (kizuna.crypto.keys)";
            case INDEX -> "blind index key '" + keyId + "' (kizuna.crypto.index-key)";
            case TOKEN -> "token signing key (kizuna.crypto.token-key)";
        };
        return "Refusing to start: this node's " + which + " differs from the one this installation's data is sealed"
                + " with. Start every node with the installation's key set, the same kizuna.crypto.* values as the"
                + " other nodes (the demo: --secrets-file with the first node's kizuna-secrets.properties).";
    }

    static byte[] checkValue(Kind kind, String keyId, byte[] key) {
        HMac hmac = new HMac(new SHA256Digest());
        hmac.init(new KeyParameter(key));
        byte[] id = (kind + "\0" + keyId + "\0").getBytes(StandardCharsets.UTF_8);
        hmac.update(id, 0, id.length);
        hmac.update(LABEL, 0, LABEL.length);
        byte[] out = new byte[hmac.getMacSize()];
        hmac.doFinal(out, 0);
        return out;
    }
}
