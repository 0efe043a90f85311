package dev.kizuna.spring.sample;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The shop's own tables, beside Kizuna's schema in the same database. */
@Component
class ShopSchema implements InitializingBean {
    private final JdbcTemplate jdbc;

    ShopSchema(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void afterPropertiesSet() {
        jdbc.execute("CREATE SCHEMA IF NOT EXISTS shop");
        jdbc.execute("CREATE TABLE IF NOT EXISTS shop.customer (id text PRIMARY KEY, email text NOT NULL, name text NOT NULL)");
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS shop.orders (id text PRIMARY KEY, customer_id text NOT NULL REFERENCES shop.customer,
                  merchandise bigint NOT NULL, discount bigint NOT NULL, points_redeemed bigint NOT NULL,
                  grand_total bigint NOT NULL, coupon_code text)""");
    }
}
