package dev.kizuna.core.mirror;

import dev.kizuna.core.crypto.FieldCipher;
import dev.kizuna.core.crypto.SealedData;
import dev.kizuna.core.intake.EventBus;
import dev.kizuna.core.intake.RejectEvent;
import dev.kizuna.core.json.Json;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.spi.CartAbandoned;
import dev.kizuna.core.spi.CartItemAdded;
import dev.kizuna.core.spi.CustomerDeleted;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.CustomerUpdated;
import dev.kizuna.core.spi.OrderCancelled;
import dev.kizuna.core.spi.OrderDelivered;
import dev.kizuna.core.spi.OrderReturned;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.spi.ProductViewed;
import dev.kizuna.core.spi.SearchPerformed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps Kizuna's mirror of host customers, orders and behaviour current. Runs first on every event
 * ({@link EventBus#MIRROR}) so feature handlers can read what the event changed.
 */
public final class HostMirror {
    private final SealedMembers members;
    private final FieldCipher cipher;

    public HostMirror(SealedMembers members, FieldCipher cipher) {
        this.members = members;
        this.cipher = cipher;
    }

    /** Associated data of a search's query: binds it to the member who searched (or to no member). */
    private static String queryContext(Long memberId) {
        return "behaviour_event.query:" + (memberId == null ? "none" : memberId);
    }

    /**
     * Seals the search queries of these members (and anonymous ones, for {@link SealedData#NO_MEMBER}) again under
     * the current key; returns how many changed.
     */
    public long resealSearches(Tx tx, List<Long> memberIds) {
        List<Object[]> rows = tx.sql().list("""
                SELECT id, member_id, query FROM behaviour_event
                WHERE (member_id = ANY(?) OR (? AND member_id IS NULL)) AND kind = 'SEARCH' AND query IS NOT NULL
                FOR UPDATE""", rs -> {
            long id = rs.getLong(1);
            long m = rs.getLong(2);
            Long member = rs.wasNull() ? null : m;
            return new Object[]{id, member, rs.getString(3)};
        }, tx.sql().longArray(memberIds.toArray(Long[]::new)), memberIds.contains(SealedData.NO_MEMBER));
        long changed = 0;
        for (Object[] r : rows) {
            String again = cipher.reseal((String) r[2], queryContext((Long) r[1]));
            if (!again.equals(r[2])) {
                tx.sql().update("UPDATE behaviour_event SET query = ? WHERE id = ?", again, r[0]);
                changed++;
            }
        }
        return changed;
    }

    public void subscribe(EventBus bus) {
        bus.on(CustomerRegistered.class, "mirror.customer-registered", EventBus.MIRROR, (e, tx) -> {
            upsertCustomer(tx, e.customerId(),
                    new SealedMembers.Pii(e.email(), e.name(), e.phone(), e.birthDate()), e.locale(), e.consents(), e.occurredAt());
            if (e.addressHash() != null) {
                // the host's own hash of the postal address, one of the signs of a duplicate account
                tx.sql().update("UPDATE member SET address_hash = ? WHERE customer_ref = ? AND merged_into IS NULL",
                        e.addressHash(), e.customerId());
            }
        });
        bus.on(CustomerUpdated.class, "mirror.customer-updated", EventBus.MIRROR,
                (e, tx) -> upsertCustomer(tx, e.customerId(),
                        new SealedMembers.Pii(e.email(), e.name(), e.phone(), e.birthDate()), e.locale(), e.consents(), null));
        bus.on(CustomerDeleted.class, "mirror.customer-erased", EventBus.MIRROR, this::erase);
        bus.onBatch(OrderSubmitted.class, "mirror.order-submitted", EventBus.MIRROR, this::ordersSubmitted);
        bus.onBatch(OrderDelivered.class, "mirror.order-delivered", EventBus.MIRROR, this::ordersDelivered);
        bus.on(OrderCancelled.class, "mirror.order-cancelled", EventBus.MIRROR, (e, tx) -> {
            tx.sql().update(
                    "UPDATE order_summary SET status = ?, cancelled_at = coalesce(cancelled_at, ?) WHERE order_ref = ?",
                    OrderStatus.CANCELLED, e.occurredAt(), e.orderId());
            MemberStanding.refresh(tx, "(SELECT member_id FROM order_summary WHERE order_ref = ?)", e.orderId());
        });
        bus.on(OrderReturned.class, "mirror.order-returned", EventBus.MIRROR, this::orderReturned);
        bus.on(ProductViewed.class, "mirror.product-viewed", EventBus.MIRROR, (e, tx) ->
                behaviour(tx, e.customerId(), "PRODUCT_VIEWED", e.sku(), e.category(), null, null, null, e.occurredAt()));
        bus.on(CartItemAdded.class, "mirror.cart-item-added", EventBus.MIRROR, (e, tx) ->
                behaviour(tx, e.customerId(), "CART_ITEM_ADDED", e.sku(), e.category(), null, null,
                        e.unitPrice() * e.quantity(), e.occurredAt()));
        bus.on(CartAbandoned.class, "mirror.cart-abandoned", EventBus.MIRROR, (e, tx) ->
                behaviour(tx, e.customerId(), "CART_ABANDONED", null, null, null, null, e.cartValue(), e.occurredAt()));
        bus.on(SearchPerformed.class, "mirror.search-performed", EventBus.MIRROR, (e, tx) ->
                behaviour(tx, e.customerId(), "SEARCH", null, null, e.query(), e.resultCount(), null, e.occurredAt()));
    }

    /** The given personal data over what the member had (null: unchanged), sealed, with its indexes recomputed. */
    private void upsertCustomer(Tx tx, String customerRef, SealedMembers.Pii given, String locale,
                                Map<String, Boolean> consents, Instant registeredAt) {
        long id = Members.ensure(tx, customerRef);
        members.write(tx, id, customerRef, members.read(tx, id).with(given));
        tx.sql().update("""
                UPDATE member SET locale = coalesce(?, locale), consents = consents || ?::jsonb,
                       registered_at = coalesce(registered_at, ?), updated_at = now()
                WHERE id = ?""",
                normaliseLocale(locale), Json.write(consents), registeredAt, id);
    }

    private static String normaliseLocale(String locale) {
        if (locale == null || locale.isBlank()) {
            return null;
        }
        return locale.toLowerCase().startsWith("ja") ? "ja" : "en";
    }

    private void erase(CustomerDeleted e, Tx tx) {
        // Order amounts stay (tax records); everything that identifies the person goes.
        tx.sql().update("""
                UPDATE member SET email = NULL, display_name = NULL, phone = NULL, birth_date = NULL,
                       address_hash = NULL, consents = '{}', erased_at = coalesce(erased_at, ?), updated_at = now()
                WHERE customer_ref = ?""", e.occurredAt(), e.customerId());
        Members.find(tx, e.customerId()).ifPresent(id -> members.forget(tx, id));
        // The inbox keeps the customer's events (idempotency) but not what they said about the person.
        tx.sql().update("""
                UPDATE event_inbox SET payload = payload - 'email' - 'name' - 'phone' - 'birthDate' - 'query'
                WHERE event_type IN ('CustomerRegistered', 'CustomerUpdated', 'SearchPerformed')
                  AND payload ->> 'customerId' = ?""",
                e.customerId());
        tx.sql().update("DELETE FROM behaviour_event WHERE member_id = (SELECT id FROM member WHERE customer_ref = ?)",
                e.customerId());
    }

    /** The orders and all their lines in one statement: order intake is the hottest path of the mirror. */
    private void ordersSubmitted(List<OrderSubmitted> orders, Tx tx) {
        List<String> customers = new ArrayList<>(orders.size());
        orders.forEach(e -> customers.add(e.customerId()));
        Map<String, Long> members = Members.ensureAll(tx, customers);
        int n = orders.size();
        int lines = orders.stream().mapToInt(e -> e.lines().size()).sum();
        String[] ref = new String[n];
        Long[] member = new Long[n];
        String[] currency = new String[n];
        String[] channel = new String[n];
        long[][] totals = new long[6][n];
        String[] coupon = new String[n];
        String[] submitted = new String[n];
        String[] lineOrder = new String[lines];
        long[] lineNo = new long[lines];
        String[] sku = new String[lines];
        String[] category = new String[lines];
        long[] quantity = new long[lines];
        long[] unitPrice = new long[lines];
        long[] discount = new long[lines];
        int k = 0;
        for (int i = 0; i < n; i++) {
            OrderSubmitted e = orders.get(i);
            ref[i] = e.orderId();
            member[i] = members.get(e.customerId());
            currency[i] = e.currency();
            channel[i] = e.channel().name();
            totals[0][i] = e.merchandiseTotal();
            totals[1][i] = e.discountTotal();
            totals[2][i] = e.shippingTotal();
            totals[3][i] = e.taxTotal();
            totals[4][i] = e.pointsRedeemed();
            totals[5][i] = e.grandTotal();
            coupon[i] = e.couponCode();
            submitted[i] = e.occurredAt().toString();
            for (int j = 0; j < e.lines().size(); j++, k++) {
                OrderSubmitted.OrderLine l = e.lines().get(j);
                lineOrder[k] = e.orderId();
                lineNo[k] = j + 1;
                sku[k] = l.sku();
                category[k] = l.category();
                quantity[k] = l.quantity();
                unitPrice[k] = l.unitPrice();
                discount[k] = l.discount();
            }
        }
        Sql sql = tx.sql();
        // Rows go in list order (WITH ORDINALITY), so order ids follow the events as they would one by one.
        long recorded = sql.number("""
                WITH o AS (
                  INSERT INTO order_summary (order_ref, member_id, currency, channel, merchandise_total, discount_total,
                         shipping_total, tax_total, points_redeemed, grand_total, coupon_code, status, submitted_at)
                  SELECT ref, member, cur, chan, merch, disc, ship, tax, redeemed, grand, coupon, ?, at::timestamptz
                  FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[],
                              ?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::text[]) WITH ORDINALITY
                       AS t(ref, member, cur, chan, merch, disc, ship, tax, redeemed, grand, coupon, at, n)
                  ORDER BY n RETURNING id, order_ref),
                l AS (
                  INSERT INTO order_line (order_id, line_no, sku, category, quantity, unit_price, discount)
                  SELECT o.id, t.line_no, t.sku, t.category, t.quantity, t.unit_price, t.discount
                  FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[])
                       WITH ORDINALITY AS t(ref, line_no, sku, category, quantity, unit_price, discount, n)
                  JOIN o ON o.order_ref = t.ref ORDER BY t.n
                  RETURNING 1)
                SELECT count(*) FROM o""", OrderStatus.SUBMITTED,
                sql.textArray(ref), sql.longArray(member), sql.textArray(currency), sql.textArray(channel),
                sql.longArray(totals[0]), sql.longArray(totals[1]), sql.longArray(totals[2]), sql.longArray(totals[3]),
                sql.longArray(totals[4]), sql.longArray(totals[5]), sql.textArray(coupon), sql.textArray(submitted),
                sql.textArray(lineOrder), sql.longArray(lineNo), sql.textArray(sku), sql.textArray(category),
                sql.longArray(quantity), sql.longArray(unitPrice), sql.longArray(discount));
        if (recorded != n) {
            throw new IllegalStateException("recorded " + recorded + " of " + n + " orders");
        }
        MemberStanding.refresh(tx, "ANY(?)", sql.longArray(members.values().toArray(Long[]::new)));
    }

    /** Deliveries in one statement; the first delivery of an order keeps its date, as one at a time would. */
    private void ordersDelivered(List<OrderDelivered> events, Tx tx) {
        Map<String, String> firstAt = new LinkedHashMap<>();
        for (OrderDelivered e : events) {
            firstAt.putIfAbsent(e.orderId(), e.occurredAt().toString());
        }
        tx.sql().update("""
                UPDATE order_summary o SET status = CASE WHEN o.status = ? THEN ? ELSE o.status END,
                       delivered_at = coalesce(o.delivered_at, t.at::timestamptz)
                FROM unnest(?::text[], ?::text[]) AS t(ref, at) WHERE o.order_ref = t.ref""",
                OrderStatus.SUBMITTED, OrderStatus.DELIVERED, tx.sql().textArray(firstAt.keySet().toArray(String[]::new)),
                tx.sql().textArray(firstAt.values().toArray(String[]::new)));
    }

    private void orderReturned(OrderReturned e, Tx tx) {
        MirroredOrder order = MirroredOrder.find(tx, e.orderId()).orElseThrow();
        long returnedValue = 0;
        for (OrderReturned.ReturnedLine r : e.lines()) {
            MirroredOrder.Line line = order.line(r.sku()).orElseThrow(() ->
                    new RejectEvent("return names sku " + r.sku() + " which is not in order " + e.orderId()));
            if (line.returnedQuantity() + r.quantity() > line.quantity()) {
                throw new RejectEvent("return of " + r.quantity() + " x " + r.sku() + " exceeds the "
                        + (line.quantity() - line.returnedQuantity()) + " still kept in order " + e.orderId());
            }
            tx.sql().update("UPDATE order_line SET returned_quantity = returned_quantity + ? WHERE order_id = ? AND line_no = ?",
                    r.quantity(), order.id(), line.lineNo());
            returnedValue += ReturnShare.of(line.netAmount(), line.quantity(), line.returnedQuantity(), r.quantity());
        }
        tx.sql().update("""
                UPDATE order_summary SET returned_total = returned_total + ?,
                       status = CASE WHEN (SELECT bool_and(returned_quantity = quantity) FROM order_line WHERE order_id = ?)
                                     THEN ? ELSE ? END
                WHERE id = ?""", returnedValue, order.id(), OrderStatus.RETURNED, OrderStatus.PARTIALLY_RETURNED,
                order.id());
        MemberStanding.refresh(tx, "(SELECT member_id FROM order_summary WHERE id = ?)", order.id());
    }

    private void behaviour(Tx tx, String customerRef, String kind, String sku, String category, String query,
                           Integer resultCount, Long value, Instant at) {
        Long memberId = customerRef == null ? null : Members.ensure(tx, customerRef);
        tx.sql().update("""
                INSERT INTO behaviour_event (member_id, kind, sku, category, query, result_count, value, occurred_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", memberId, kind, sku, category,
                cipher.encrypt(query, queryContext(memberId)), resultCount, value, at);
    }
}
