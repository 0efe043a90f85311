package dev.kizuna.spring.sample;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small Spring Boot shop that uses Kizuna through the starter and nothing else: customers and orders in its own
 * tables (schema {@code shop}), a checkout that pays with points and coupons, Spring Security for shoppers and
 * admins. What it declares for Kizuna is {@link ShopHost} (the {@code HostPorts} bean); the rest is auto-configured.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class SampleShop {
}
