package dev.kizuna.spring.sample;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The shop's login: shoppers and admins sign in with Spring Security (a form for people, Basic for scripts); the
 * console under {@code /crm/admin} is for the shop's admins only. Kizuna's API does its own access checks (and
 * CSRF for console sessions), so the shop's CSRF covers its own forms.
 */
@Configuration(proxyBeanMethods = false)
class ShopSecurity {
    static final String PASSWORD = "sample-shop-password";

    @Bean
    SecurityFilterChain shopFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/crm/admin/**").hasRole("ADMIN")
                        .requestMatchers("/shop/**").hasRole("SHOPPER")
                        .requestMatchers("/crm/**", "/actuator/health/**", "/actuator/health", "/login").permitAll()
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .httpBasic(Customizer.withDefaults())
                .csrf(c -> c.ignoringRequestMatchers("/crm/**", "/shop/**"));
        return http.build();
    }

    @Bean
    UserDetailsService shopUsers() {
        return new InMemoryUserDetailsManager(
                User.withUsername("C-100").password("{noop}" + PASSWORD).roles("SHOPPER").build(),
                User.withUsername("shop-admin").password("{noop}" + PASSWORD).roles("ADMIN").build());
    }
}
