package dev.kizuna.demo;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.web.Access;
import dev.kizuna.core.web.ApiRequest;
import dev.kizuna.core.web.ApiResponse;
import dev.kizuna.core.web.ApiRoutes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The demo shop's JSON API under {@code /shop/api}, which tests and users script against. It reuses Kizuna's
 * routing and problem bodies (errors are {@code application/problem+json} naming the field).
 */
final class ShopApi {
    private ShopApi() {
    }

    record Created(String id) {
    }

    record ClockRequest(String now) {
    }

    record ReturnRequest(List<ShopCheckout.ReturnLine> lines) {
    }

    /** The dev clock moves within these bounds, so every date the shop and Kizuna compute from it stays sane. */
    static final Instant CLOCK_EARLIEST = OrderCommand.EARLIEST;
    static final Instant CLOCK_LATEST = LocalDate.of(2100, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    static final int MAX_QUERY = 100;

    static ApiRoutes routes(ShopStore store, ShopCheckout checkout, KizunaRuntime kizuna, boolean dev) {
        ApiRoutes api = new ApiRoutes();
        api.post("/customers", Access.anyone(), r ->
                ApiResponse.created(new Created(Long.toString(checkout.register(r.body(ShopCheckout.NewCustomer.class))))));
        api.get("/customers/{id}", Access.anyone(), r -> {
            long id = r.pathLong("id");
            Supplier<RuntimeException> none = () -> new NotFound("no customer " + id);
            return CustomerAccess.ownerOrAdmin(r, Optional.of(Long.toString(id)), none,
                    x -> store.customer(id).orElseThrow(none));
        });
        api.get("/products", Access.anyone(), r ->
                store.products(ShopFields.optional("q", r.query("q").orElse(null), MAX_QUERY).orElse(null)));
        api.post("/orders", Access.anyone(), r -> {
            ShopCheckout.OrderRequest order = r.body(ShopCheckout.OrderRequest.class);
            Optional<String> owner = Optional.ofNullable(order.customerId()).map(String::trim);
            return CustomerAccess.ownerOrAdmin(r, owner,
                    () -> new InvalidInput("customerId", "shop.no-such-customer", order.customerId()),
                    x -> ApiResponse.created(checkout.place(checkout.command(order, dev), r.clientAddress())));
        });
        api.get("/orders/{id}", Access.anyone(), r -> onOrder(r, store, () -> store.order(r.pathLong("id")).orElseThrow()));
        // Delivery is the shop's doing, never the shopper's: the dev token or a console user.
        api.post("/orders/{id}/deliver", Access.admin(), r -> {
            checkout.deliver(r.pathLong("id"));
            return store.order(r.pathLong("id")).orElseThrow();
        });
        api.post("/orders/{id}/cancel", Access.anyone(), r -> onOrder(r, store, () -> {
            checkout.cancel(r.pathLong("id"));
            return store.order(r.pathLong("id")).orElseThrow();
        }));
        api.post("/orders/{id}/return", Access.anyone(), r -> onOrder(r, store, () -> {
            checkout.returnLines(r.pathLong("id"), r.body(ReturnRequest.class).lines());
            return store.order(r.pathLong("id")).orElseThrow();
        }));
        if (dev) {
            api.get("/dev/clock", Access.anyone(), r -> Map.of("now", kizuna.context().clock().instant().toString()));
            api.post("/dev/clock", Access.admin(), r -> {
                ClockRequest c = r.body(ClockRequest.class);
                if (c.now() == null) {
                    throw new InvalidInput("now", "shop.now-required", "2026-05-01T09:00:00+09:00");
                }
                kizuna.context().clock().set(ShopFields.instant("now", c.now(), CLOCK_EARLIEST, CLOCK_LATEST));
                return Map.of("now", kizuna.context().clock().instant().toString());
            });
        }
        return api;
    }

    /** An order route for its customer or an admin; an order that does not exist (or is not yours) is not found. */
    private static Object onOrder(ApiRequest r, ShopStore store, Supplier<Object> action) throws Exception {
        long id = r.pathLong("id");
        Supplier<RuntimeException> none = () -> new NotFound("no order " + id);
        Optional<String> owner = store.order(id).map(o -> Long.toString(o.customerId()));
        return CustomerAccess.ownerOrAdmin(r, owner, none, x -> {
            if (owner.isEmpty()) {
                throw none.get();
            }
            return action.get();
        });
    }
}
