package dev.kizuna.messaging;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.ports.MailHooks;
import dev.kizuna.core.spi.CustomerMerged;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broadcast's mails still go out as marketing mails after their customers' accounts are merged: the merge moves
 * every mail to the survivor but leaves the merged account's message where the survivor has one for the same send,
 * so the delivery job's look-up of a mail's message by its member must also search the accounts merged into it.
 * A bounce of such a mail is the merged account's address refused.
 */
class MergedMailHeadersTest {
    KizunaRuntime kizuna;
    ApiClient api;

    @AfterEach
    void stop() {
        api.close();
        kizuna.close();
    }

    @Test
    void both_mails_of_a_merged_pair_carry_the_unsubscribe_headers_and_a_bounce_suppresses_the_address_s_account() {
        FakeHost host = new FakeHost();
        kizuna = TestKizuna.install(host, Map.of("kizuna.messaging.quiet-hours", ""));
        api = new ApiClient(kizuna);
        MessagingWorld world = new MessagingWorld(kizuna, host, api);
        world.clock(MessagingWorld.tokyo(LocalDate.of(2026, 3, 2), 11, 0));
        long keep = world.customer("MH-KEEP", "ja", true);
        long gone = world.customer("MH-GONE", "ja", true);
        world.broadcast("{\"all\":true}", 0);
        long fromGone = world.mailsTo("MH-GONE").get(0).id();

        world.publish(new CustomerMerged(MessagingWorld.id(), world.clock(), "MH-KEEP", "MH-GONE"));

        assertThat(world.number("SELECT count(*) FROM message WHERE member_id = ?", gone))
                .as("the merged account's message stays, the survivor having one for the broadcast").isEqualTo(1);
        List<MessagingWorld.Mail> mails = world.mails();
        assertThat(mails).extracting(MessagingWorld.Mail::memberId).containsOnly(keep).hasSize(2);
        MailHooks hooks = kizuna.context().ports().require(MailHooks.class);
        for (MessagingWorld.Mail m : mails) {
            Map<String, String> headers = kizuna.context().database().inTransaction(tx -> hooks.headers(tx, m.id(), keep));
            assertThat(headers).as("mail %d", m.id()).containsKey("List-Unsubscribe")
                    .containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        // the refused address was the merged account's (the mail was sealed to it before the merge): that account is
        // suppressed, the survivor, mailed at its own address from now on, is not
        kizuna.context().database().execute(tx -> hooks.bounced(tx, fromGone, keep));
        String suppressed = "SELECT count(*) FROM message_suppression WHERE member_id = ? AND channel = 'MAIL'";
        assertThat(world.number(suppressed, gone)).isEqualTo(1);
        assertThat(world.number(suppressed, keep)).isZero();
    }
}
