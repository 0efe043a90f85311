package dev.kizuna.spring;

import dev.kizuna.core.Kizuna;
import dev.kizuna.core.KizunaConfig;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.spi.CouponCheckout;
import dev.kizuna.core.spi.EventPublisher;
import dev.kizuna.core.spi.HostOutbox;
import dev.kizuna.core.spi.HostPorts;
import dev.kizuna.core.spi.PointsCheckout;
import dev.kizuna.spring.web.KizunaServletRegistration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.Map;

/**
 * Kizuna in a Spring Boot host: declare a {@link HostPorts} bean and this installs Kizuna on the host's
 * {@code DataSource} (or on {@code kizuna.jdbc.url} when that is set), with the {@code kizuna.*} settings of the
 * Spring environment, its meters on the host's {@link MeterRegistry}, its servlets and filters under {@code /crm},
 * an Actuator health indicator, and the beans a host's code calls: {@link KizunaRuntime}, {@link EventPublisher},
 * {@link HostOutbox} with its Spring-transaction face {@link SpringHostOutbox}, and the checkout ports of the
 * modules on the classpath.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration"})
@ConditionalOnBean(HostPorts.class)
public class KizunaAutoConfiguration {

    /** Every {@code kizuna.*} key of the environment (files, profiles, environment variables), as Kizuna reads them. */
    @Bean
    @ConditionalOnMissingBean
    public KizunaConfig kizunaConfig(Environment environment) {
        Map<String, String> values = new HashMap<>();
        Binder.get(environment).bind("kizuna", Bindable.mapOf(String.class, String.class))
                .ifBound(bound -> bound.forEach((key, value) -> values.put("kizuna." + key, value)));
        return KizunaConfig.of(values);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public KizunaRuntime kizunaRuntime(HostPorts host, KizunaConfig config, ObjectProvider<DataSource> dataSource,
                                       ObjectProvider<MeterRegistry> meterRegistry) {
        Kizuna.Installer installer = Kizuna.installer(host, config);
        if (config.get("kizuna.jdbc.url").isEmpty()) {
            installer.dataSource(dataSource.getObject());
        }
        meterRegistry.ifAvailable(installer::meterRegistry);
        return installer.install();
    }

    @Bean
    @ConditionalOnMissingBean
    public EventPublisher kizunaEventPublisher(KizunaRuntime runtime) {
        return runtime.publisher();
    }

    @Bean
    @ConditionalOnMissingBean
    public HostOutbox kizunaHostOutbox(KizunaRuntime runtime) {
        return runtime.hostOutbox();
    }

    /** Only where Kizuna shares the host's pool: the host's transaction is on a connection of that pool. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(DataSource.class)
    public SpringHostOutbox kizunaSpringHostOutbox(HostOutbox outbox, DataSource dataSource) {
        return new SpringHostOutbox(outbox, dataSource);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnClass(name = "dev.kizuna.loyalty.points.PointsModule")
    public PointsCheckout kizunaPointsCheckout(KizunaRuntime runtime) {
        return runtime.context().ports().require(PointsCheckout.class);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnClass(name = "dev.kizuna.loyalty.coupon.CouponsModule")
    public CouponCheckout kizunaCouponCheckout(KizunaRuntime runtime) {
        return runtime.context().ports().require(CouponCheckout.class);
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnMissingBean
    public KizunaServletRegistration kizunaServletRegistration(KizunaRuntime runtime) {
        return new KizunaServletRegistration(runtime);
    }

    /** Kizuna's health (database, scheduler, host outbox backlog) under the Actuator's {@code /actuator/health}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Health {
        @Bean
        @ConditionalOnMissingBean(name = "kizunaHealthIndicator")
        KizunaHealthIndicator kizunaHealthIndicator(KizunaRuntime runtime) {
            return new KizunaHealthIndicator(runtime);
        }
    }
}
