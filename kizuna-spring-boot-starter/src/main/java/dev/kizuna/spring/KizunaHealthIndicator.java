package dev.kizuna.spring;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.metrics.KizunaHealth;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Kizuna's checks as an Actuator contributor ({@code kizuna} under {@code /actuator/health}), each with its reason. */
public final class KizunaHealthIndicator implements HealthIndicator {
    private final KizunaRuntime runtime;

    public KizunaHealthIndicator(KizunaRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Health health() {
        KizunaHealth.Report report = runtime.health().check();
        Health.Builder b = report.status() == KizunaHealth.Status.UP ? Health.up() : Health.down();
        for (KizunaHealth.Check check : report.checks()) {
            b.withDetail(check.name(), check.up() ? "UP" : "DOWN: " + check.reason());
        }
        return b.build();
    }
}
