package dev.kizuna.demo;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.web.Access;
import dev.kizuna.core.web.ApiResponse;
import dev.kizuna.core.web.ApiRoutes;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

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

    private static java.time.Instant instant(String field, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.Instant.parse(value);
            } catch (DateTimeParseException e2) {
                throw new InvalidInput(field, "invalid-date-time", "1997-01-01T10:00:00+09:00");
            }
        }
    }

    static ApiRoutes routes(ShopStore store, ShopCheckout checkout, KizunaRuntime kizuna, boolean dev) {
        ApiRoutes api = new ApiRoutes();
        api.post("/customers", Access.anyone(), r ->
                ApiResponse.created(new Created(Long.toString(checkout.register(r.body(ShopCheckout.NewCustomer.class))))));
        api.get("/customers/{id}", Access.anyone(), r -> store.customer(r.pathLong("id"))
                .orElseThrow(() -> new NotFound("no customer " + r.path("id"))));
        api.get("/products", Access.anyone(), r -> store.products(r.query("q").orElse(null)));
        api.post("/orders", Access.anyone(), r -> {
            ShopCheckout.OrderRequest order = r.body(ShopCheckout.OrderRequest.class);
            if (order.placedAt() == null) {
                return ApiResponse.created(checkout.place(order, r.clientAddress()));
            }
            if (!dev) {
                throw new InvalidInput("placedAt", "shop.past-orders-dev-only");
            }
            return ApiResponse.created(checkout.place(order, r.clientAddress(), instant("placedAt", order.placedAt())));
        });
        api.get("/orders/{id}", Access.anyone(), r -> store.order(r.pathLong("id"))
                .orElseThrow(() -> new NotFound("no order " + r.path("id"))));
        api.post("/orders/{id}/deliver", Access.anyone(), r -> {
            checkout.deliver(r.pathLong("id"));
            return store.order(r.pathLong("id")).orElseThrow();
        });
        api.post("/orders/{id}/cancel", Access.anyone(), r -> {
            checkout.cancel(r.pathLong("id"));
            return store.order(r.pathLong("id")).orElseThrow();
        });
        api.post("/orders/{id}/return", Access.anyone(), r -> {
            checkout.returnLines(r.pathLong("id"), r.body(ReturnRequest.class).lines());
            return store.order(r.pathLong("id")).orElseThrow();
        });
        if (dev) {
            api.get("/dev/clock", Access.anyone(), r -> Map.of("now", kizuna.context().clock().instant().toString()));
            api.post("/dev/clock", Access.anyone(), r -> {
                ClockRequest c = r.body(ClockRequest.class);
                if (c.now() == null) {
                    throw new InvalidInput("now", "shop.now-required", "2026-05-01T09:00:00+09:00");
                }
                kizuna.context().clock().set(instant("now", c.now()));
                return Map.of("now", kizuna.context().clock().instant().toString());
            });
        }
        return api;
    }
}
