package dev.kizuna.core;

import dev.kizuna.core.audit.AuditLog;
import dev.kizuna.core.clock.ShopClock;
import dev.kizuna.core.console.ConsoleContributions;
import dev.kizuna.core.catalog.Catalog;
import dev.kizuna.core.crypto.BlindIndex;
import dev.kizuna.core.crypto.FieldCipher;
import dev.kizuna.core.crypto.InstallationKeys;
import dev.kizuna.core.crypto.KeyRotationJob;
import dev.kizuna.core.crypto.SealedData;
import dev.kizuna.core.crypto.PasswordHasher;
import dev.kizuna.core.crypto.SignedTokens;
import dev.kizuna.core.intake.EventBus;
import dev.kizuna.core.intake.EventIntake;
import dev.kizuna.core.intake.EventPayloads;
import dev.kizuna.core.intake.OutboxRelay;
import dev.kizuna.core.intake.SharedOutbox;
import dev.kizuna.core.mail.MailDeliveryJob;
import dev.kizuna.core.mail.MailOutbox;
import dev.kizuna.core.mail.MailPurgeJob;
import dev.kizuna.core.metrics.KizunaHealth;
import dev.kizuna.core.metrics.KizunaMetrics;
import dev.kizuna.core.metrics.OperationalFigures;
import dev.kizuna.core.mirror.CustomerMerges;
import dev.kizuna.core.mirror.HostMirror;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.mirror.SealedMembers;
import dev.kizuna.core.mirror.HostReconciliation;
import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.core.module.KizunaModule;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.ports.ModulePorts;
import dev.kizuna.core.ports.OrderPresence;
import dev.kizuna.core.spi.EventPublisher;
import dev.kizuna.core.scheduling.JobRegistry;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.scheduling.JobScheduler;
import dev.kizuna.core.spi.CustomerDeleted;
import dev.kizuna.core.spi.HostPorts;
import dev.kizuna.core.templates.Templates;
import dev.kizuna.core.web.ApiRoutes;
import dev.kizuna.core.web.Callers;
import dev.kizuna.core.web.PageRoutes;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
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
 * {@link KizunaRuntime} and publishes its events to {@link KizunaRuntime#publisher()} after its commits, or, sharing
 * the database, appends them to {@link KizunaRuntime#hostOutbox()} inside its transactions.
 */
public final class Kizuna {
    private static final Logger log = LoggerFactory.getLogger(Kizuna.class);
    private static final AtomicReference<KizunaRuntime> INSTALLED = new AtomicReference<>();

    private Kizuna() {
    }

    public static KizunaRuntime install(HostPorts host, KizunaConfig config) {
        return installer(host, config).install();
    }

    /** An install with options: the host's pool instead of {@code kizuna.jdbc.url}, the host's meter registry. */
    public static Installer installer(HostPorts host, KizunaConfig config) {
        return new Installer(host, config);
    }

    /** What {@link #installer} configures before {@link #install()}. */
    public static final class Installer {
        private final HostPorts host;
        private final KizunaConfig config;
        private DataSource dataSource;
        private MeterRegistry meterRegistry;

        private Installer(HostPorts host, KizunaConfig config) {
            this.host = host;
            this.config = config;
        }

        /**
         * Kizuna borrows its connections from the host's pool (sized for both) instead of opening a pool of its own
         * on {@code kizuna.jdbc.url}; the host closes it after {@link KizunaRuntime#close()}.
         */
        public Installer dataSource(DataSource hostPool) {
            this.dataSource = hostPool;
            return this;
        }

        /** Kizuna's meters go to the host's registry instead of a Prometheus registry of its own. */
        public Installer meterRegistry(MeterRegistry registry) {
            this.meterRegistry = registry;
            return this;
        }

        public KizunaRuntime install() {
            return Kizuna.install(host, config, dataSource, meterRegistry);
        }
    }

    private static KizunaRuntime install(HostPorts host, KizunaConfig config, DataSource hostPool,
                                         MeterRegistry meterRegistry) {
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
        Database db = hostPool != null ? Database.open(hostPool, migrations, entities)
                : Database.open(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword(), config.poolSize(),
                migrations, entities);
        KizunaMetrics metrics = meterRegistry != null ? KizunaMetrics.on(meterRegistry) : KizunaMetrics.ownPrometheus();
        try {
            String nodeId = config.nodeId();
            InstallationKeys.verify(db, nodeId, new InstallationKeys.NodeKeys(config.encryptionKeys(),
                    config.currentEncryptionKeyId(), config.indexKeyId(), config.indexKey(), config.tokenSigningKey()));
            ShopClock clock = ShopClock.shared(host.shopZone(), config.devMode(), db);
            FieldCipher cipher = new FieldCipher(config.encryptionKeys(), config.currentEncryptionKeyId());
            BlindIndex blindIndex = new BlindIndex(config.indexKeyId(), config.indexKey());
            Templates templates = new Templates();
            MailOutbox mail = new MailOutbox(templates, clock, cipher);
            SealedData sealed = new SealedData();
            KizunaContext ctx = new KizunaContext(config, host, clock, db, new EventBus(), new JobRegistry(),
                    new ApiRoutes(), new PageRoutes(), new ConsoleContributions(), mail, templates, cipher,
                    blindIndex, sealed,
                    new SignedTokens(config.tokenSigningKey()), new PasswordHasher(), new AuditLog(cipher), new ModulePorts(),
                    metrics);

            SealedMembers members = ctx.members();
            HostMirror mirror = new HostMirror(members, cipher);
            mirror.subscribe(ctx.events());
            CustomerMerges merges = new CustomerMerges(members, ctx.ports(), ctx.audit());
            merges.subscribe(ctx.events());
            ctx.ports().provide(CustomerMerges.class, merges);
            ctx.api().guard(merges.apiGuard(db));
            ctx.events().on(CustomerDeleted.class, "mail.forget-erased", EventBus.FEATURE,
                    (e, tx) -> Members.find(tx, e.customerId()).ifPresent(id -> mail.forget(tx, id)));
            EventPayloads payloads = new EventPayloads(cipher);
            EventIntake intake = new EventIntake(db, ctx.events(), clock, payloads, metrics);
            sealed.add("member", members::reseal);
            sealed.add("mail_outbox", mail::reseal);
            sealed.add("event_inbox", payloads::reseal);
            sealed.add("behaviour_event", mirror::resealSearches);
            sealed.add("audit_log", ctx.audit()::reseal);
            JobRuns runs = new JobRuns(db, clock, nodeId, metrics);
            SharedOutbox outbox = new SharedOutbox(db, intake, cipher);
            HostReconciliation reconciliation = new HostReconciliation(host);
            ctx.ports().provide(OrderPresence.class, reconciliation);
            // features that bring the host's data in by other ways (a store's sales) publish as the host does
            ctx.ports().provide(EventPublisher.class, intake);
            ctx.ports().provide(Catalog.class, new Catalog(host));
            ctx.jobs().register(new EventRetryJob(intake.retries()));
            ctx.jobs().register(new HostReconciliationJob(reconciliation, outbox, intake,
                    Duration.parse(config.get("kizuna.reconciliation.window").orElse("PT72H"))));
            ctx.jobs().register(new MailDeliveryJob(db, clock, config.smtpHost(), config.smtpPort(), config.mailFrom(), mail,
                    ctx.ports()));
            ctx.jobs().register(new MailPurgeJob(db, clock, Duration.ofDays(config.mailRetentionDays())));
            ctx.jobs().register(new KeyRotationJob(sealed, cipher.currentKeyId()));
            for (KizunaModule m : modules) {
                m.start(ctx);
                log.info("Kizuna module {} started", m.name());
            }
            JobScheduler scheduler = new JobScheduler(db, ctx.jobs(), runs, nodeId, host.shopZone(),
                    config.intValue("kizuna.scheduler.threads", 3));
            OutboxRelay relay = !config.bool("kizuna.host-outbox.relay", true) ? null
                    : hostPool != null ? new OutboxRelay(outbox, () -> {
                        Connection c = db.dataSource().getConnection();
                        c.setAutoCommit(true);
                        return c;
                    }).start()
                    : new OutboxRelay(outbox, config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword()).start();
            OperationalFigures.register(metrics, db, ctx.jobs());
            KizunaHealth health = new KizunaHealth(db, scheduler, config.schedulerEnabled(), nodeId,
                    Duration.parse(config.get("kizuna.health.backlog-max-age").orElse("PT5M")),
                    Duration.parse(config.get("kizuna.health.timeout").orElse("PT3S")));
            KizunaRuntime runtime = new KizunaRuntime(ctx, intake, outbox, relay, runs, scheduler, metrics, health,
                    new Callers(host, config.devAdminToken(), config.bool("kizuna.dev.admin-token-from-anywhere", false)),
                    modules.stream().map(KizunaModule::name).toList());
            CoreApi.register(runtime);
            if (config.schedulerEnabled()) {
                scheduler.start(scheduleOverrides(config));
            }
            metrics.startRefresh();
            INSTALLED.set(runtime);
            return runtime;
        } catch (RuntimeException e) {
            metrics.close();
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
