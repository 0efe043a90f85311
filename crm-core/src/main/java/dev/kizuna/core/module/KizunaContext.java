package dev.kizuna.core.module;

import dev.kizuna.core.KizunaConfig;
import dev.kizuna.core.audit.AuditLog;
import dev.kizuna.core.clock.ShopClock;
import dev.kizuna.core.console.ConsoleContributions;
import dev.kizuna.core.crypto.BlindIndex;
import dev.kizuna.core.crypto.FieldCipher;
import dev.kizuna.core.crypto.PasswordHasher;
import dev.kizuna.core.crypto.SealedData;
import dev.kizuna.core.crypto.SignedTokens;
import dev.kizuna.core.intake.EventBus;
import dev.kizuna.core.mail.MailOutbox;
import dev.kizuna.core.metrics.KizunaMetrics;
import dev.kizuna.core.mirror.SealedMembers;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.ports.ModulePorts;
import dev.kizuna.core.scheduling.JobRegistry;
import dev.kizuna.core.spi.HostPorts;
import dev.kizuna.core.templates.Templates;
import dev.kizuna.core.web.ApiRoutes;
import dev.kizuna.core.web.PageRoutes;

import java.time.ZoneId;

/**
 * The kernel a module starts with: where it subscribes handlers, registers jobs, API routes, public pages and its
 * console contributions (pages, menu entries, dashboard and 360° sections, shopper views), stores, and reads the time.
 */
public record KizunaContext(KizunaConfig config, HostPorts host, ShopClock clock, Database database, EventBus events,
                            JobRegistry jobs, ApiRoutes api, PageRoutes pages,
                            ConsoleContributions console, MailOutbox mail, Templates templates, FieldCipher cipher,
                            BlindIndex blindIndex, SealedData sealed,
                            SignedTokens tokens, PasswordHasher passwords, AuditLog audit, ModulePorts ports,
                            KizunaMetrics metrics) {

    public ZoneId zone() {
        return host.shopZone();
    }

    /** The members' personal data, sealed, and its blind-index lookups. */
    public SealedMembers members() {
        return new SealedMembers(cipher, blindIndex);
    }
}
