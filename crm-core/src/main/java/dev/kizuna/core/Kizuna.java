package dev.kizuna.core;

import dev.kizuna.core.audit.AuditLog;
import dev.kizuna.core.clock.ShopClock;
import dev.kizuna.core.console.ConsoleContributions;
import dev.kizuna.core.crypto.FieldCipher;
import dev.kizuna.core.crypto.PasswordHasher;
import dev.kizuna.core.crypto.SignedTokens;
import dev.kizuna.core.intake.EventBus;
import dev.kizuna.core.intake.EventIntake;
import dev.kizuna.core.mail.MailDeliveryJob;
import dev.kizuna.core.mail.MailOutbox;
import dev.kizuna.core.mirror.HostMirror;
import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.core.module.KizunaModule;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.ports.ModulePorts;
import dev.kizuna.core.scheduling.JobRegistry;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.scheduling.JobScheduler;
import dev.kizuna.core.spi.HostPorts;
import dev.kizuna.core.templates.Templates;
import dev.kizuna.core.web.ApiRoutes;
import dev.kizuna.core.web.Callers;
import dev.kizuna.core.web.PageRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one entry point: {@code Kizuna.install(hostPorts, config)} migrates the schema, starts every module found on
 * the classpath, joins the job cluster and returns the running plugin. The host keeps the returned
 * {@link KizunaRuntime} and publishes its events to {@link KizunaRuntime#publisher()}.
 */
public final class Kizuna {
    private static final Logger log = LoggerFactory.getLogger(Kizuna.class);
    private static final AtomicReference<KizunaRuntime> INSTALLED = new AtomicReference<>();

    private Kizuna() {
    }

    public static KizunaRuntime install(HostPorts host, KizunaConfig config) {
        List<KizunaModule> modules = new ArrayList<>();
        ServiceLoader.load(KizunaModule.class).forEach(modules::add);
        modules.sort(Comparator.comparingInt(KizunaModule::startOrder).thenComparing(KizunaModule::name));

        List<Database.Migration> migrations = new ArrayList<>();
        migrations.add(new Database.Migration("core", "classpath:db/migration/core"));
        List<Class<?>> entities = new ArrayList<>();
        for (KizunaModule m : modules) {
            migrations.add(new Database.Migration(m.name(), m.migrationLocation()));
            entities.addAll(m.entityClasses());
        }
        Database db = Database.open(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword(), config.poolSize(),
                migrations, entities);
        try {
            ShopClock clock = new ShopClock(host.shopZone(), config.devMode());
            FieldCipher cipher = new FieldCipher(config.encryptionKeys(), config.currentEncryptionKeyId());
            Templates templates = new Templates();
            KizunaContext ctx = new KizunaContext(config, host, clock, db, new EventBus(), new JobRegistry(),
                    new ApiRoutes(), new PageRoutes(), new ConsoleContributions(), new MailOutbox(templates, clock), templates, cipher,
                    new SignedTokens(config.tokenSigningKey()), new PasswordHasher(), new AuditLog(), new ModulePorts());

            new HostMirror(cipher).subscribe(ctx.events());
            EventIntake intake = new EventIntake(db, ctx.events(), clock);
            String nodeId = config.nodeId();
            JobRuns runs = new JobRuns(db, clock, nodeId);
            ctx.jobs().register(new EventRetryJob(intake.retries()));
            ctx.jobs().register(new MailDeliveryJob(db, clock, config.smtpHost(), config.smtpPort(), config.mailFrom()));
            for (KizunaModule m : modules) {
                m.start(ctx);
                log.info("Kizuna module {} started", m.name());
            }
            JobScheduler scheduler = new JobScheduler(db, ctx.jobs(), runs, nodeId, host.shopZone(),
                    config.intValue("kizuna.scheduler.threads", 3));
            KizunaRuntime runtime = new KizunaRuntime(ctx, intake, runs, scheduler,
                    new Callers(host, config.devAdminToken(),
                            config.bool("kizuna.dev.admin-token-from-anywhere", false)), modules.stream().map(KizunaModule::name).toList());
            CoreApi.register(runtime);
            if (config.schedulerEnabled()) {
                scheduler.start(scheduleOverrides(config));
            }
            INSTALLED.set(runtime);
            return runtime;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** {@code kizuna.jobs.<name>.schedule=<cron>} overrides a job's default schedule. */
    private static Map<String, String> scheduleOverrides(KizunaConfig config) {
        Map<String, String> out = new HashMap<>();
        config.asMap().forEach((k, v) -> {
            if (k.startsWith("kizuna.jobs.") && k.endsWith(".schedule")) {
                out.put(k.substring("kizuna.jobs.".length(), k.length() - ".schedule".length()), v);
            }
        });
        return out;
    }

    /** The runtime installed in this JVM, for the servlet initializer of a dropped-in jar. */
    public static Optional<KizunaRuntime> installed() {
        return Optional.ofNullable(INSTALLED.get());
    }

    static void uninstalled(KizunaRuntime runtime) {
        INSTALLED.compareAndSet(runtime, null);
    }
}
