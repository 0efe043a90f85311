package dev.kizuna.demo;

import dev.kizuna.core.errors.Conflict;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The shop's own data (schema {@code shop}): catalog, customers, orders. Plain JDBC, as a host would have its own. */
public final class ShopStore {
    private final DataSource ds;

    ShopStore(DataSource ds) {
        this.ds = ds;
    }

    public record Product(String sku, String nameJa, String nameEn, String category, long price) {
        public String name(String locale) {
            return "en".equals(locale) ? nameEn : nameJa;
        }
    }

    public record Customer(long id, String email, String name, LocalDate birthDate, String locale, boolean deleted) {
    }

    public record Line(int lineNo, String sku, String category, int quantity, long unitPrice, long discount, int returned) {
    }

    /** @param discount all that was taken off the merchandise: the member price and the coupon ({@code memberDiscount} of it the member price) */
    public record Order(long id, long customerId, String currency, long subtotal, long discount, long pointsRedeemed,
                 long shipping, long total, String couponCode, String status, Instant createdAt, List<Line> lines,
                 long memberDiscount) {
        public long couponDiscount() {
            return discount - memberDiscount;
        }
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    <T> T tx(Work<T> work) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("shop database: " + e.getMessage(), e);
        }
    }

    List<Product> products(String query) {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT sku, name_ja, name_en, category, price FROM product
                    WHERE ?::text IS NULL OR name_ja ILIKE ? OR name_en ILIKE ? OR category ILIKE ? ORDER BY category, sku""")) {
                String like = query == null ? null : "%" + query + "%";
                ps.setString(1, query);
                ps.setString(2, like);
                ps.setString(3, like);
                ps.setString(4, like);
                List<Product> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Product(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
                    }
                }
                return out;
            }
        });
    }

    Optional<Product> product(String sku) {
        return products(null).stream().filter(p -> p.sku().equals(sku)).findFirst();
    }

    void addProduct(Connection c, Product p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO product (sku, name_ja, name_en, category, price) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, p.sku());
            ps.setString(2, p.nameJa());
            ps.setString(3, p.nameEn());
            ps.setString(4, p.category());
            ps.setLong(5, p.price());
            ps.executeUpdate();
        }
    }

    /** Adds a customer; an e-mail already taken (in any case, also by a registration racing this one) is a conflict. */
    long addCustomer(Connection c, String email, String name, LocalDate birthDate, String locale, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO customer (email, name, birth_date, locale, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING RETURNING id""")) {
            ps.setString(1, email);
            ps.setString(2, name);
            ps.setDate(3, birthDate == null ? null : Date.valueOf(birthDate));
            ps.setString(4, locale);
            ps.setTimestamp(5, Timestamp.from(at));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new Conflict("EMAIL_TAKEN", "a customer with this e-mail exists");
                }
                return rs.getLong(1);
            }
        }
    }

    boolean emailTaken(String email) {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM customer WHERE lower(email) = lower(?)")) {
                ps.setString(1, email);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    Optional<Customer> customer(long id) {
        return tx(c -> customers(c, "WHERE id = ?", id).stream().findFirst());
    }

    Optional<Customer> customerByEmail(String email) {
        return tx(c -> customers(c, "WHERE lower(email) = lower(?)", email).stream().findFirst());
    }

    List<Customer> customers() {
        return tx(c -> customers(c, "WHERE NOT deleted ORDER BY id LIMIT 200"));
    }

    private static List<Customer> customers(Connection c, String where, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, email, name, birth_date, locale, deleted FROM customer " + where)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Customer> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Date d = rs.getDate(4);
                    out.add(new Customer(rs.getLong(1), rs.getString(2), rs.getString(3), d == null ? null : d.toLocalDate(),
                            rs.getString(5), rs.getBoolean(6)));
                }
            }
            return out;
        }
    }

    long insertOrder(Connection c, Order o) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO shop_order (customer_id, currency, subtotal, discount, points_redeemed, shipping, total,
                                        coupon_code, status, created_at, member_discount)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PLACED', ?, ?) RETURNING id""")) {
            ps.setLong(1, o.customerId());
            ps.setString(2, o.currency());
            ps.setLong(3, o.subtotal());
            ps.setLong(4, o.discount());
            ps.setLong(5, o.pointsRedeemed());
            ps.setLong(6, o.shipping());
            ps.setLong(7, o.total());
            ps.setString(8, o.couponCode());
            ps.setTimestamp(9, Timestamp.from(o.createdAt()));
            ps.setLong(10, o.memberDiscount());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO shop_order_line (order_id, line_no, sku, category, quantity, unit_price, discount)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            for (Line l : o.lines()) {
                ps.setLong(1, id);
                ps.setInt(2, l.lineNo());
                ps.setString(3, l.sku());
                ps.setString(4, l.category());
                ps.setInt(5, l.quantity());
                ps.setLong(6, l.unitPrice());
                ps.setLong(7, l.discount());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return id;
    }

    Optional<Order> order(long id) {
        return tx(c -> order(c, id));
    }

    Optional<Order> order(Connection c, long id) throws SQLException {
        List<Line> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT line_no, sku, category, quantity, unit_price, discount, returned FROM shop_order_line
                WHERE order_id = ? ORDER BY line_no""")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(new Line(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5),
                            rs.getLong(6), rs.getInt(7)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, customer_id, currency, subtotal, discount, points_redeemed, shipping, total, coupon_code,
                       status, created_at, member_discount FROM shop_order WHERE id = ? FOR UPDATE""")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Order(rs.getLong(1), rs.getLong(2), rs.getString(3).trim(), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getString(9), rs.getString(10),
                        rs.getTimestamp(11).toInstant(), lines, rs.getLong(12)));
            }
        }
    }

    List<Order> ordersOf(long customerId) {
        return tx(c -> orders(c, "SELECT id FROM shop_order WHERE customer_id = ? ORDER BY id DESC LIMIT 50", customerId));
    }

    /** The orders whose ids {@code idQuery} selects, in its order. */
    private List<Order> orders(Connection c, String idQuery, Object... params) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(idQuery)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        List<Order> out = new ArrayList<>();
        for (long id : ids) {
            order(c, id).ifPresent(out::add);
        }
        return out;
    }

    /** The orders placed in {@code [from, to)}: what the host reconciliation compares (the shop keeps no change time). */
    List<Order> ordersPlacedBetween(Instant from, Instant to) {
        return tx(c -> orders(c, "SELECT id FROM shop_order WHERE created_at >= ? AND created_at < ? ORDER BY id",
                Timestamp.from(from), Timestamp.from(to)));
    }

    void setStatus(Connection c, long orderId, String status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE shop_order SET status = ? WHERE id = ?")) {
            ps.setString(1, status);
            ps.setLong(2, orderId);
            ps.executeUpdate();
        }
    }

    /**
     * Adds {@code quantity} returned units to a line if that many are still unreturned; false (and nothing changed)
     * otherwise. The condition is in the update itself, so concurrent returns cannot together exceed what was bought.
     */
    boolean addReturned(Connection c, long orderId, int lineNo, int quantity) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE shop_order_line SET returned = returned + ?
                WHERE order_id = ? AND line_no = ? AND returned + ? <= quantity""")) {
            ps.setInt(1, quantity);
            ps.setLong(2, orderId);
            ps.setInt(3, lineNo);
            ps.setInt(4, quantity);
            return ps.executeUpdate() == 1;
        }
    }

    boolean hasCustomers() {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM product)");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }
}
