package dev.kizuna.core.mirror;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.intake.EventPayloads;
import dev.kizuna.core.spi.CustomerDeleted;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.CustomerUpdated;
import dev.kizuna.core.spi.SearchPerformed;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@KizunaTest
class SealedMembersTest {
    private final KizunaRuntime kizuna;

    SealedMembersTest(KizunaRuntime kizuna) {
        this.kizuna = kizuna;
    }

    private String register(String ref, String email, String name, String phone, LocalDate birth) {
        String id = "reg-" + UUID.randomUUID();
        kizuna.publisher().publish(new CustomerRegistered(id, Instant.now(), ref, email, name, birth, "ja",
                Map.of("mail", true), phone));
        return id;
    }

    private long memberId(String ref) {
        return kizuna.context().database().inTransaction(tx -> Members.find(tx, ref)).orElseThrow();
    }

    private String text(String sql, Object... params) {
        return kizuna.context().database().inTransaction(tx -> tx.sql().one(sql, rs -> rs.getString(1), params)).orElse(null);
    }

    @Test
    void personal_data_is_ciphertext_and_found_by_its_blind_indexes() {
        register("S-1", "Hanako.Yamada@example.jp", "ヤマダ ハナコ", "090-1111-2222", LocalDate.of(1990, 2, 14));
        register("S-2", "taro@example.jp", "山田 太郎", null, null);
        long hanako = memberId("S-1");
        long taro = memberId("S-2");

        String row = text("SELECT concat_ws('|', email, display_name, phone, birth_date) FROM member WHERE id = ?", hanako);
        assertThat(row.split("\\|")).hasSize(4).allMatch(v -> v.startsWith("v1.k1."));
        assertThat(row).doesNotContainIgnoringCase("hanako").doesNotContain("ハナコ", "1111", "1990");

        SealedMembers members = kizuna.context().members();
        kizuna.context().database().inTransaction(tx -> {
            assertThat(members.byEmail(tx, "  hanako.yamada@EXAMPLE.jp")).containsExactly(hanako);
            assertThat(members.byEmail(tx, "hanako@example.jp")).isEmpty();
            assertThat(members.byPhone(tx, "09011112222")).containsExactly(hanako);
            assertThat(members.byNamePrefix(tx, "やまだ", 10)).containsExactly(hanako);
            assertThat(members.byNamePrefix(tx, "ﾊﾅｺ", 10)).containsExactly(hanako);
            assertThat(members.byNamePrefix(tx, "山田", 10)).containsExactly(taro);
            assertThat(members.byNamePrefix(tx, "太郎", 10)).containsExactly(taro);
            assertThat(members.byNamePrefix(tx, "山田太郎です", 10)).as("longer than any token: checked in clear").isEmpty();
            assertThat(members.read(tx, hanako)).isEqualTo(new SealedMembers.Pii("Hanako.Yamada@example.jp",
                    "ヤマダ ハナコ", "090-1111-2222", LocalDate.of(1990, 2, 14)));
            return null;
        });

        // An update that only names the new address keeps the rest, and moves the e-mail index with it.
        kizuna.publisher().publish(new CustomerUpdated("upd-" + UUID.randomUUID(), Instant.now(), "S-1",
                "hanako@example.jp", null, null, null, Map.of()));
        kizuna.context().database().inTransaction(tx -> {
            assertThat(members.byEmail(tx, "hanako@example.jp")).containsExactly(hanako);
            assertThat(members.byEmail(tx, "hanako.yamada@example.jp")).isEmpty();
            assertThat(members.byNamePrefix(tx, "はなこ", 10)).containsExactly(hanako);
            assertThat(members.read(tx, hanako).birthDate()).isEqualTo(LocalDate.of(1990, 2, 14));
            return null;
        });
    }

    @Test
    void the_inbox_keeps_customer_events_sealed_and_erasure_removes_their_personal_fields() {
        String eventId = register("S-3", "kumi@example.jp", "Kumi Sato", "+81 80 3333 4444", LocalDate.of(1988, 7, 7));
        String payload = text("SELECT payload::text FROM event_inbox WHERE event_id = ?", eventId);
        assertThat(payload).contains("\"customerId\": \"S-3\"")
                .doesNotContain("kumi@example.jp", "Kumi", "3333", "1988-07-07").contains("v1.k1.");
        // a replay reads the event as the host sent it
        assertThat(new EventPayloads(kizuna.context().cipher()).read("CustomerRegistered", payload))
                .usingRecursiveComparison().ignoringFields("occurredAt")
                .isEqualTo(new CustomerRegistered(eventId, Instant.EPOCH, "S-3", "kumi@example.jp", "Kumi Sato",
                        LocalDate.of(1988, 7, 7), "ja", Map.of("mail", true), "+81 80 3333 4444"));

        kizuna.publisher().publish(new SearchPerformed("search-s3", Instant.now(), "S-3", "kumi sato's order", 0));
        assertThat(text("SELECT payload::text FROM event_inbox WHERE event_id = 'search-s3'")).doesNotContain("kumi");
        assertThat(text("SELECT query FROM behaviour_event WHERE member_id = ? AND kind = 'SEARCH'", memberId("S-3")))
                .startsWith("v1.k1.");

        kizuna.publisher().publish(new CustomerDeleted("del-" + UUID.randomUUID(), Instant.now(), "S-3"));
        assertThat(text("SELECT payload::text FROM event_inbox WHERE event_id = 'search-s3'")).doesNotContain("\"query\"");
        String erased = text("SELECT payload::text FROM event_inbox WHERE event_id = ?", eventId);
        assertThat(erased).contains("\"customerId\": \"S-3\"").doesNotContain("\"email\"", "\"name\"", "\"phone\"", "\"birthDate\"");
        long id = memberId("S-3");
        assertThat(text("SELECT concat(email, display_name, phone, birth_date, email_index::text, birthday_index::text) "
                + "FROM member WHERE id = ?", id)).isEmpty();
        assertThat(text("SELECT count(*)::text FROM member_name_token WHERE member_id = ?", id)).isEqualTo("0");
        kizuna.context().database().inTransaction(tx -> {
            assertThat(kizuna.context().members().byNamePrefix(tx, "kumi", 10)).isEmpty();
            assertThat(kizuna.context().members().byPhone(tx, "818033334444")).isEmpty();
            return List.of();
        });
    }
}
