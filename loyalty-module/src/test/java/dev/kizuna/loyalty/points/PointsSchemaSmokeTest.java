package dev.kizuna.loyalty.points;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.TestKizuna;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PointsSchemaSmokeTest {
    @Test
    void migrates() {
        try (KizunaRuntime k = TestKizuna.installOnEmptyDatabase()) {
            long n = k.context().database().inTransaction(tx -> tx.sql().number("SELECT count(*) FROM points_earned"));
            assertThat(n).isZero();
        }
    }
}
