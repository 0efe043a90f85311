package dev.kizuna.messaging.consent;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.spi.CustomerMerged;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A merge keeps the strictest consent: a channel either account refused stays refused on the survivor. */
@KizunaTest
class ConsentsMergeTest {

    static Map<Channel, Boolean> consents(KizunaRuntime kizuna, String ref) {
        return kizuna.context().database().inTransaction(tx -> new Consents(kizuna.context().clock()).of(tx,
                tx.sql().number("SELECT id FROM member WHERE customer_ref = ?", ref)));
    }

    @Test
    void a_refusal_on_either_account_holds_and_a_statement_only_the_merged_account_made_moves(KizunaRuntime kizuna) {
        Instant at = Instant.parse("2026-02-01T01:00:00Z");
        kizuna.publisher().publish(new CustomerRegistered("reg-cm-keep", at, "CM-KEEP", "cm.keep@example.jp", "同意 残", null,
                "ja", Map.of("mail", true)));
        kizuna.publisher().publish(new CustomerRegistered("reg-cm-gone", at, "CM-GONE", "cm.gone@example.jp", "同意 去", null,
                "ja", Map.of("mail", false, "line", true)));
        assertThat(consents(kizuna, "CM-KEEP")).containsEntry(Channel.MAIL, true);

        kizuna.publisher().publish(new CustomerMerged("merge-cm", at.plusSeconds(60), "CM-KEEP", "CM-GONE"));

        assertThat(consents(kizuna, "CM-KEEP")).containsEntry(Channel.MAIL, false).containsEntry(Channel.LINE, true);
        // nothing is sent to the merged account any more: its statements now live on the survivor
        assertThat(consents(kizuna, "CM-GONE")).containsEntry(Channel.MAIL, false).containsEntry(Channel.LINE, false);
    }
}
