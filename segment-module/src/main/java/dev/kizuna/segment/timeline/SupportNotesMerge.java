package dev.kizuna.segment.timeline;

import dev.kizuna.core.crypto.FieldCipher;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.CustomerMergeParticipant;

import java.util.List;

/**
 * Moves a merged member's support notes (and their follow-ups) onto the survivor, so staff see every contact with
 * the person on one timeline. A note's text is bound to its member: opened under the merged member, sealed again
 * under the survivor.
 */
final class SupportNotesMerge implements CustomerMergeParticipant {
    private final FieldCipher cipher;

    SupportNotesMerge(FieldCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public String name() {
        return "supportNotes";
    }

    @Override
    public long merge(Tx tx, Merge m) {
        List<Object[]> notes = tx.sql().list("SELECT id, body FROM support_note WHERE member_id = ? ORDER BY id",
                rs -> new Object[]{rs.getLong(1), rs.getString(2)}, m.mergedId());
        for (Object[] n : notes) {
            String again = cipher.encrypt(cipher.open((String) n[1], SupportNotes.boundTo(m.mergedId())),
                    SupportNotes.boundTo(m.survivorId()));
            tx.sql().update("UPDATE support_note SET member_id = ?, body = ? WHERE id = ?", m.survivorId(), again, n[0]);
        }
        return notes.size();
    }
}
