package dev.kizuna.demo;

import dev.kizuna.core.errors.InvalidInput;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A return request that passed the checks a request can pass on its own (SKUs, quantities, each SKU once); whether
 * the order still holds that many units is decided by the store's conditional update, under concurrency too.
 */
record ReturnCommand(List<ShopCheckout.ReturnLine> lines) {

    ReturnCommand {
        lines = List.copyOf(lines);
    }

    static ReturnCommand of(List<ShopCheckout.ReturnLine> given) {
        if (given == null || given.isEmpty()) {
            throw new InvalidInput("lines", "shop.return-without-lines");
        }
        if (given.size() > OrderCommand.MAX_LINES) {
            throw new InvalidInput("lines", "shop.too-many-lines", OrderCommand.MAX_LINES, given.size());
        }
        Set<String> skus = new HashSet<>();
        List<ShopCheckout.ReturnLine> lines = new ArrayList<>(given.size());
        for (int i = 0; i < given.size(); i++) {
            ShopCheckout.ReturnLine r = given.get(i);
            String f = "lines[" + i + "]";
            if (r == null) {
                throw new InvalidInput(f, "required");
            }
            String sku = ShopFields.required(f + ".sku", r.sku(), OrderCommand.MAX_SKU);
            if (!skus.add(sku)) {
                throw new InvalidInput(f + ".sku", "shop.sku-twice");
            }
            if (r.quantity() == null || r.quantity() < 1 || r.quantity() > OrderCommand.MAX_QUANTITY) {
                throw new InvalidInput(f + ".quantity", "out-of-range", 1, OrderCommand.MAX_QUANTITY);
            }
            lines.add(new ShopCheckout.ReturnLine(sku, r.quantity()));
        }
        return new ReturnCommand(lines);
    }
}
