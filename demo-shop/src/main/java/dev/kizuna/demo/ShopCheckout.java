package dev.kizuna.demo;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.ports.RankBenefits;
import dev.kizuna.core.spi.Cart;
import dev.kizuna.core.ports.MemberDiscount;
import dev.kizuna.core.spi.CouponCheckout;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.HostEvent;
import dev.kizuna.core.spi.OrderCancelled;
import dev.kizuna.core.spi.OrderDelivered;
import dev.kizuna.core.spi.OrderReturned;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.spi.PointsCheckout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The shop's checkout and order lifecycle, written the way a Broadleaf host would plug Kizuna in: quote coupon and
 * points for the cart, reserve and commit them and append the host event inside the shop's own transaction (Kizuna
 * shares the shop's database: {@code HostOutbox}). Kizuna can refuse a coupon or points, but never fails a placed
 * order.
 */
public final class ShopCheckout {
    private static final Logger log = LoggerFactory.getLogger(ShopCheckout.class);
    static final long FLAT_SHIPPING = 500;
    static final long FREE_SHIPPING_FROM = 5_000;

    private final ShopStore store;
    private final KizunaRuntime kizuna;
    private final Clock clock;
    private final OrderCommand.Catalog catalog;

    ShopCheckout(ShopStore store, KizunaRuntime kizuna) {
        this.store = store;
        this.kizuna = kizuna;
        this.clock = kizuna.context().clock();
        this.catalog = new OrderCommand.Catalog() {
            @Override
            public boolean customerExists(long id) {
                return store.customer(id).filter(c -> !c.deleted()).isPresent();
            }

            @Override
            public Optional<String> categoryOf(String sku) {
                return store.product(sku).map(ShopStore.Product::category);
            }
        };
    }

    /** {@code referralCode}: the code of the member whose referral link the shopper came by, or null. */
    record NewCustomer(String email, String name, String birthDate, String locale, String referralCode) {
    }

    record LineRequest(String sku, String category, Integer quantity, Long unitPrice) {
    }

    /** {@code placedAt} (ISO instant or offset date-time) is honoured in dev mode only, to replay history. */
    record OrderRequest(String customerId, String currency, List<LineRequest> lines, String couponCode, Long pointsToRedeem,
                        String placedAt) {
    }

    public record Placed(String id, long subtotal, long discount, long pointsRedeemed, long shipping, long total) {
    }

    record ReturnLine(String sku, Integer quantity) {
    }

    long register(NewCustomer c) {
        Registration r = Registration.of(c, LocalDate.now(clock.withZone(ShopHost.ZONE)));
        if (store.emailTaken(r.email())) {
            throw new Conflict("EMAIL_TAKEN", "a customer with this e-mail exists");
        }
        Instant now = clock.instant();
        LocalDate birthDate = r.birthDate().orElse(null);
        List<HostEvent> events = new ArrayList<>();
        long id = store.tx(conn -> {
            long added = store.addCustomer(conn, r.email(), r.name(), birthDate, r.locale(), now);
            append(conn, events, new CustomerRegistered("customer-registered-" + added, now, Long.toString(added),
                    r.email(), r.name(), birthDate, r.locale(), Map.of("mail", true), null,
                    r.referralCode().orElse(null), null, null));
            return added;
        });
        deliverNow(events);
        return id;
    }

    Placed place(OrderRequest req, String clientAddress) {
        return place(command(req, false), clientAddress);
    }

    /** Places an order as of {@code now} (sample data places past orders with their historical dates). */
    Placed place(OrderRequest req, String clientAddress, Instant now) {
        return place(command(req, false), clientAddress, now);
    }

    /** Checks an order request whole, before anything is written or reserved; {@code placedAt} only if allowed. */
    OrderCommand command(OrderRequest req, boolean pastAllowed) {
        return OrderCommand.of(req, catalog, clock.instant(), pastAllowed);
    }

    Placed place(OrderCommand command, String clientAddress) {
        return place(command, clientAddress, command.placedAt().orElseGet(clock::instant));
    }

    private Placed place(OrderCommand command, String clientAddress, Instant now) {
        long customerId = command.customerId();
        List<Cart.CartLine> cartLines = command.lines();
        long pointsToRedeem = command.pointsToRedeem();
        String customerRef = command.customerRef();
        long subtotal = command.subtotal();
        long shipping = subtotal >= freeShippingFrom(customerRef) ? 0 : FLAT_SHIPPING;
        Cart cart = new Cart("JPY", cartLines, shipping);

        Optional<CouponCheckout> coupons = kizuna.context().ports().find(CouponCheckout.class);
        Optional<PointsCheckout> points = kizuna.context().ports().find(PointsCheckout.class);
        String code = command.couponCode().orElse(null);
        CouponCheckout.Quote coupon = null;
        if (code != null) {
            coupon = coupons.orElseThrow(() -> new InvalidInput("couponCode", "shop.no-coupons"))
                    .quote(customerRef, code, cart, clientAddress);
        }
        MemberDiscount.Quote member = memberPrice(customerRef, cart);
        long memberDiscount = Math.min(member.discount(), subtotal);
        long discount = memberDiscount + (coupon == null ? 0 : Math.min(coupon.discount(), subtotal - memberDiscount));
        if (coupon != null && coupon.freeShipping()) {
            shipping = 0;
        }
        if (pointsToRedeem > 0) {
            if (coupon != null && !coupon.stackableWithPoints()) {
                throw new Conflict("POINTS_NOT_STACKABLE", "this coupon cannot be combined with points");
            }
            PointsCheckout.Quote q = points.orElseThrow(() -> new InvalidInput("pointsToRedeem", "shop.no-points"))
                    .quote(customerRef, "JPY", subtotal - discount);
            if (pointsToRedeem < q.minimum()) {
                throw new InvalidInput("pointsToRedeem", "shop.points-minimum", q.minimum());
            }
            if (pointsToRedeem > q.maximum()) {
                throw new InvalidInput("pointsToRedeem", "shop.points-maximum", q.maximum());
            }
        }
        List<ShopStore.Line> lines = withMemberPrice(allocate(cartLines, discount - memberDiscount), member);
        long total = subtotal - discount - pointsToRedeem + shipping;
        ShopStore.Order draft = new ShopStore.Order(0, customerId, "JPY", subtotal, discount, pointsToRedeem, shipping,
                total, code, "PLACED", now, lines, memberDiscount);
        CouponCheckout.Quote quoted = coupon;
        List<HostEvent> events = new ArrayList<>();
        // One shop transaction holds the order, Kizuna's coupon and points reservations (reserved and, payment being
        // taken at once in the demo, committed) and the OrderSubmitted event: a refusal (a race on the last coupon use
        // or on points) or a crash leaves none of them, a commit all of them.
        long orderId = store.tx(conn -> {
            long id = store.insertOrder(conn, draft);
            String ref = Long.toString(id);
            kizuna.hostOutbox().inHostTransaction(conn, () -> {
                if (quoted != null) {
                    coupons.orElseThrow().reserve(customerRef, ref, code, cart, clientAddress);
                    coupons.orElseThrow().commit(ref);
                }
                if (pointsToRedeem > 0) {
                    points.orElseThrow().reserve(customerRef, ref, "JPY", subtotal - draft.discount(), pointsToRedeem);
                    points.orElseThrow().commit(ref);
                }
            });
            append(conn, events, submitted(store.order(conn, id).orElseThrow()));
            return id;
        });
        deliverNow(events);
        return new Placed(Long.toString(orderId), subtotal, discount, pointsToRedeem, shipping, total);
    }

    /** The order's event as the shop first sent it (also what the reconciliation republishes, with the same id). */
    static OrderSubmitted submitted(ShopStore.Order o) {
        List<OrderSubmitted.OrderLine> eventLines = o.lines().stream()
                .map(l -> new OrderSubmitted.OrderLine(l.sku(), l.category(), l.quantity(), l.unitPrice(), l.discount()))
                .toList();
        return new OrderSubmitted("order-submitted-" + o.id(), o.createdAt(), Long.toString(o.id()),
                Long.toString(o.customerId()), o.currency(), OrderSubmitted.Channel.WEB, eventLines,
                o.subtotal() - o.discount(), o.discount(), o.shipping(), 0, o.pointsRedeemed(), o.couponCode(), o.total());
    }

    /**
     * The member price of the shopper's rank for this cart, as the shop's pricing reads it from Kizuna (like the
     * free-shipping threshold); no discount for a guest or without the ranks feature.
     */
    MemberDiscount.Quote memberPrice(String customerRef, Cart cart) {
        MemberDiscount.Quote none = MemberDiscount.NONE.quote(null, cart);
        return kizuna.context().ports().find(RankBenefits.class)
                .flatMap(benefits -> kizuna.context().database().inTransaction(tx -> Members.find(tx, customerRef)
                        .map(memberId -> benefits.memberPrice(tx, memberId, cart))))
                .orElse(none);
    }

    /** Adds each line's member price discount to its share of the coupon's. */
    static List<ShopStore.Line> withMemberPrice(List<ShopStore.Line> lines, MemberDiscount.Quote member) {
        List<ShopStore.Line> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            ShopStore.Line l = lines.get(i);
            long off = i < member.lines().size() ? member.lines().get(i).discount() : 0;
            out.add(new ShopStore.Line(l.lineNo(), l.sku(), l.category(), l.quantity(), l.unitPrice(),
                    l.discount() + off, l.returned()));
        }
        return out;
    }

    /** Spreads an order discount over the lines in proportion to their amounts; the remainder goes to the largest line. */
    static List<ShopStore.Line> allocate(List<Cart.CartLine> lines, long discount) {
        long subtotal = lines.stream().mapToLong(Cart.CartLine::amount).sum();
        List<ShopStore.Line> out = new ArrayList<>();
        long given = 0;
        int largest = 0;
        for (int i = 0; i < lines.size(); i++) {
            Cart.CartLine l = lines.get(i);
            long share = subtotal == 0 ? 0 : Math.floorDiv(discount * l.amount(), subtotal);
            given += share;
            if (l.amount() > lines.get(largest).amount()) {
                largest = i;
            }
            out.add(new ShopStore.Line(i + 1, l.sku(), l.category(), l.quantity(), l.unitPrice(), share, 0));
        }
        ShopStore.Line big = out.get(largest);
        out.set(largest, new ShopStore.Line(big.lineNo(), big.sku(), big.category(), big.quantity(), big.unitPrice(),
                big.discount() + (discount - given), 0));
        return out;
    }

    void deliver(long orderId) {
        deliver(orderId, clock.instant());
    }

    void deliver(long orderId, Instant now) {
        List<HostEvent> events = new ArrayList<>();
        store.tx(conn -> {
            ShopStore.Order o = store.order(conn, orderId).orElseThrow(() -> new NotFound("no order " + orderId));
            if (!o.status().equals("PLACED")) {
                throw new Conflict("ORDER_NOT_PLACED", "order " + orderId + " is " + o.status().toLowerCase());
            }
            store.setStatus(conn, orderId, "DELIVERED");
            append(conn, events, new OrderDelivered("order-delivered-" + orderId, now, Long.toString(orderId)));
            return null;
        });
        deliverNow(events);
    }

    void cancel(long orderId) {
        Instant now = clock.instant();
        List<HostEvent> events = new ArrayList<>();
        store.tx(conn -> {
            ShopStore.Order o = store.order(conn, orderId).orElseThrow(() -> new NotFound("no order " + orderId));
            if (!o.status().equals("PLACED")) {
                throw new Conflict("ORDER_NOT_CANCELLABLE", "a " + o.status().toLowerCase() + " order is returned, not cancelled");
            }
            store.setStatus(conn, orderId, "CANCELLED");
            String ref = Long.toString(orderId);
            // The coupon use and the points come back with the shop's cancel, in its transaction.
            kizuna.hostOutbox().inHostTransaction(conn, () -> {
                if (o.couponCode() != null) {
                    kizuna.context().ports().find(CouponCheckout.class).ifPresent(c -> c.release(ref));
                }
                if (o.pointsRedeemed() > 0) {
                    kizuna.context().ports().find(PointsCheckout.class).ifPresent(p -> p.release(ref));
                }
            });
            append(conn, events, new OrderCancelled("order-cancelled-" + orderId, now, ref));
            return o;
        });
        deliverNow(events);
    }

    void returnLines(long orderId, List<ReturnLine> given) {
        List<ReturnLine> lines = ReturnCommand.of(given).lines();
        Instant now = clock.instant();
        List<OrderReturned.ReturnedLine> returned = new ArrayList<>();
        List<HostEvent> events = new ArrayList<>();
        store.tx(conn -> {
            ShopStore.Order o = store.order(conn, orderId).orElseThrow(() -> new NotFound("no order " + orderId));
            if (!o.status().equals("DELIVERED") && !o.status().equals("PARTIALLY_RETURNED")) {
                throw new Conflict("ORDER_NOT_RETURNABLE", "only delivered orders can be returned; this one is "
                        + o.status().toLowerCase());
            }
            for (int i = 0; i < lines.size(); i++) {
                ReturnLine r = lines.get(i);
                String f = "lines[" + i + "]";
                ShopStore.Line line = o.lines().stream().filter(l -> l.sku().equals(r.sku())).findFirst()
                        .orElseThrow(() -> new InvalidInput(f + ".sku", "shop.sku-not-in-order", orderId));
                // The update itself checks what is left, so concurrent returns never exceed what was bought.
                if (r.quantity() > line.quantity() - line.returned()
                        || !store.addReturned(conn, orderId, line.lineNo(), r.quantity())) {
                    throw new InvalidInput(f + ".quantity", "shop.return-exceeds-bought");
                }
                returned.add(new OrderReturned.ReturnedLine(r.sku(), r.quantity()));
            }
            ShopStore.Order after = store.order(conn, orderId).orElseThrow();
            boolean all = after.lines().stream().allMatch(l -> l.returned() == l.quantity());
            store.setStatus(conn, orderId, all ? "RETURNED" : "PARTIALLY_RETURNED");
            append(conn, events, new OrderReturned("order-returned-" + orderId + "-" + UUID.randomUUID(), now,
                    Long.toString(orderId), returned));
            return null;
        });
        deliverNow(events);
    }

    /** Free shipping from 5,000 JPY, or from the member's rank threshold when that is lower. */
    long freeShippingFrom(String customerRef) {
        return kizuna.context().ports().find(RankBenefits.class)
                .flatMap(benefits -> kizuna.context().database().inTransaction(tx -> Members.find(tx, customerRef)
                        .map(memberId -> benefits.benefitsOf(tx, memberId).freeShippingThreshold())))
                .map(threshold -> Math.min(threshold, FREE_SHIPPING_FROM))
                .orElse(FREE_SHIPPING_FROM);
    }

    /**
     * Appends an event to Kizuna's host outbox in the shop's transaction (an invalid event refuses the request and
     * rolls the shop's writes back) and remembers it for {@link #deliverNow}.
     */
    private void append(Connection conn, List<HostEvent> events, HostEvent event) {
        kizuna.hostOutbox().append(conn, List.of(event));
        events.add(event);
    }

    /**
     * After the shop's commit, has Kizuna apply the appended events at once (the next page shows their effects); if
     * Kizuna cannot now, the outbox relay delivers them later: nothing committed is lost.
     */
    private void deliverNow(List<HostEvent> events) {
        try {
            kizuna.hostOutbox().deliverNow(events);
        } catch (RuntimeException e) {
            log.warn("Kizuna will take {} event(s) from its outbox later: {}", events.size(), e.toString());
        }
    }

    /**
     * Behaviour events (searches, views, cart items) that no shop transaction writes: published directly; a Kizuna
     * outage is logged, never turned into a failed shop request.
     */
    void publish(HostEvent event) {
        try {
            kizuna.publisher().publish(event);
        } catch (RuntimeException e) {
            if (e instanceof InvalidInput) {
                throw e;
            }
            log.error("could not hand {} to Kizuna; the shop should retry it", event.eventId(), e);
        }
    }
}
