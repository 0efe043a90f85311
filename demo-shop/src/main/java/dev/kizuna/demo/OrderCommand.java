package dev.kizuna.demo;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.intake.EventValidation;
import dev.kizuna.core.spi.Cart;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An order request that passed every check of the shop, made before anything is written in the shop or reserved in
 * Kizuna: once a command exists, the only refusals left are Kizuna's own (coupon or points no longer available).
 * The bounds keep every accepted order inside what Kizuna's event validation takes ({@link EventValidation}: ids
 * of at most 200 characters, at most 500 lines, a 64 KB payload), so an order the shop keeps is never an event
 * Kizuna refuses, and all sums stay far from overflow (they are computed exactly all the same).
 */
record OrderCommand(long customerId, List<Cart.CartLine> lines, Optional<String> couponCode, long pointsToRedeem,
                    Optional<Instant> placedAt, long subtotal) {
    static final int MAX_LINES = 100;
    static final int MAX_SKU = 64;
    static final int MAX_CATEGORY = 64;
    static final int MAX_COUPON_CODE = 64;
    static final int MAX_CUSTOMER_ID = 19;
    static final int MAX_QUANTITY = 999;
    static final long MAX_UNIT_PRICE = 10_000_000;
    /** The most one order may come to (¥100,000,000), and so the most points it can take. */
    static final long MAX_ORDER_AMOUNT = 100_000_000;
    /** Orders replayed with {@code placedAt} (dev installs, e.g. the 1997 CDNOW log) lie between this and the shop's now. */
    static final Instant EARLIEST = LocalDate.of(1970, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);

    OrderCommand {
        lines = List.copyOf(lines);
    }

    /** Where the check looks things up: the customer and the catalog's category of a SKU. */
    interface Catalog {
        boolean customerExists(long id);

        Optional<String> categoryOf(String sku);
    }

    /**
     * Checks {@code req} whole; {@code placedAt} is refused unless {@code pastAllowed} (dev installs replay history),
     * and must lie between {@link #EARLIEST} and {@code now}.
     */
    static OrderCommand of(ShopCheckout.OrderRequest req, Catalog catalog, Instant now, boolean pastAllowed) {
        String rawCustomer = ShopFields.required("customerId", req.customerId(), MAX_CUSTOMER_ID);
        String currency = ShopFields.required("currency", req.currency(), 3);
        if (!"JPY".equals(currency)) {
            throw new InvalidInput("currency", "shop.jpy-only");
        }
        if (req.lines() == null || req.lines().isEmpty()) {
            throw new InvalidInput("lines", "shop.order-without-lines");
        }
        if (req.lines().size() > MAX_LINES) {
            throw new InvalidInput("lines", "shop.too-many-lines", MAX_LINES, req.lines().size());
        }
        List<ShopCheckout.LineRequest> given = req.lines();
        Set<String> skus = new HashSet<>();
        List<String> skuOf = new ArrayList<>();
        List<Optional<String>> categoryOf = new ArrayList<>();
        long subtotal = 0;
        for (int i = 0; i < given.size(); i++) {
            ShopCheckout.LineRequest l = given.get(i);
            String f = "lines[" + i + "]";
            if (l == null) {
                throw new InvalidInput(f, "required");
            }
            String sku = ShopFields.required(f + ".sku", l.sku(), MAX_SKU);
            if (!skus.add(sku)) {
                throw new InvalidInput(f + ".sku", "shop.sku-twice");
            }
            skuOf.add(sku);
            categoryOf.add(ShopFields.optional(f + ".category", l.category(), MAX_CATEGORY));
            if (l.quantity() == null || l.quantity() < 1 || l.quantity() > MAX_QUANTITY) {
                throw new InvalidInput(f + ".quantity", "out-of-range", 1, MAX_QUANTITY);
            }
            if (l.unitPrice() == null || l.unitPrice() < 0 || l.unitPrice() > MAX_UNIT_PRICE) {
                throw new InvalidInput(f + ".unitPrice", "out-of-range", 0, MAX_UNIT_PRICE);
            }
            subtotal = amount(subtotal, l.quantity(), l.unitPrice());
        }
        long points = req.pointsToRedeem() == null ? 0 : req.pointsToRedeem();
        if (points < 0) {
            throw new InvalidInput("pointsToRedeem", "not-negative");
        }
        if (points > MAX_ORDER_AMOUNT) {
            throw new InvalidInput("pointsToRedeem", "at-most", MAX_ORDER_AMOUNT);
        }
        Optional<String> coupon = ShopFields.optional("couponCode", req.couponCode(), MAX_COUPON_CODE);
        Optional<Instant> placedAt = Optional.empty();
        if (req.placedAt() != null) {
            if (!pastAllowed) {
                throw new InvalidInput("placedAt", "shop.past-orders-dev-only");
            }
            placedAt = Optional.of(ShopFields.instant("placedAt", req.placedAt(), EARLIEST, now));
        }
        long customerId = customer(rawCustomer, catalog);
        List<Cart.CartLine> lines = new ArrayList<>(given.size());
        for (int i = 0; i < given.size(); i++) {
            String sku = skuOf.get(i);
            String category = categoryOf.get(i).or(() -> catalog.categoryOf(sku)).orElse("other");
            lines.add(new Cart.CartLine(sku, category, given.get(i).quantity(), given.get(i).unitPrice()));
        }
        return new OrderCommand(customerId, lines, coupon, points, placedAt, subtotal);
    }

    /** {@code subtotal + quantity × unitPrice}, refused when the order would come to more than the shop takes. */
    private static long amount(long subtotal, int quantity, long unitPrice) {
        try {
            long sum = Math.addExact(subtotal, Math.multiplyExact(unitPrice, (long) quantity));
            if (sum <= MAX_ORDER_AMOUNT) {
                return sum;
            }
        } catch (ArithmeticException overflow) {
            // refused below, as any amount above the bound
        }
        throw new InvalidInput("lines", "shop.order-amount-at-most", MAX_ORDER_AMOUNT);
    }

    private static long customer(String raw, Catalog catalog) {
        long id;
        try {
            id = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new InvalidInput("customerId", "shop.no-such-customer", raw);
        }
        if (id <= 0 || !catalog.customerExists(id)) {
            throw new InvalidInput("customerId", "shop.no-such-customer", raw);
        }
        return id;
    }

    String customerRef() {
        return Long.toString(customerId);
    }
}
