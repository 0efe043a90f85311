package dev.kizuna.core.testing;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.mirror.Members;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@link KizunaTest} hands out: one runtime per class, or per method when asked, with its host and client. */
@KizunaTest(config = "kizuna.points.return-window-days=14")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KizunaExtensionTest {
    static KizunaRuntime beforeAll;
    final KizunaRuntime constructed;

    KizunaExtensionTest(KizunaRuntime kizuna) {
        constructed = kizuna;
    }

    static long members(KizunaRuntime kizuna) {
        return kizuna.context().database().inTransaction(tx -> tx.sql().number("SELECT count(*) FROM member"));
    }

    @BeforeAll
    static void remember(KizunaRuntime kizuna) {
        beforeAll = kizuna;
    }

    @Test
    @Order(1)
    void the_class_has_one_runtime_on_a_migrated_database_with_the_overrides(KizunaRuntime kizuna, FakeHost host,
                                                                          ApiClient api) {
        assertThat(kizuna).isSameAs(beforeAll).isSameAs(constructed);
        assertThat(kizuna.context().host()).isSameAs(host);
        assertThat(kizuna.context().config().asMap()).containsEntry("kizuna.points.return-window-days", "14")
                .containsEntry("kizuna.dev.admin-token", TestKizuna.ADMIN_TOKEN);
        assertThat(members(kizuna)).isZero();
        assertThat(api.call(new ApiClient.Nobody(), "GET", "/no-such-route", null).status()).isEqualTo(404);
        kizuna.context().database().execute(tx -> Members.ensure(tx, "C-kit"));
    }

    @Test
    @Order(2)
    void the_next_test_meets_the_same_runtime_and_its_rows(KizunaRuntime kizuna, ApiClient api) {
        assertThat(kizuna).isSameAs(beforeAll);
        assertThat(members(kizuna)).isEqualTo(1);
        assertThat(api).isNotNull();
    }

    @Nested
    @KizunaTest(perMethod = true)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class PerMethod {
        static final List<KizunaRuntime> SEEN = new ArrayList<>();
        KizunaRuntime inBeforeEach;

        @BeforeEach
        void remember(KizunaRuntime kizuna) {
            inBeforeEach = kizuna;
        }

        @Test
        @Order(1)
        void each_test_has_its_own_runtime_on_its_own_database(KizunaRuntime kizuna) {
            assertThat(kizuna).isSameAs(inBeforeEach).isNotSameAs(beforeAll);
            SEEN.add(kizuna);
            assertThat(members(kizuna)).isZero();
            kizuna.context().database().execute(tx -> Members.ensure(tx, "C-first"));
        }

        @Test
        @Order(2)
        void so_the_next_one_starts_from_an_empty_database(KizunaRuntime kizuna) {
            assertThat(SEEN).doesNotContain(kizuna);
            assertThat(members(kizuna)).isZero();
        }
    }
}
