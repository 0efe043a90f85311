package dev.kizuna.loyalty.store;

import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.core.module.KizunaModule;
import dev.kizuna.core.spi.EventPublisher;
import dev.kizuna.core.web.Access;
import dev.kizuna.core.web.Role;

/**
 * Store purchases: a store's sales (the {@link StoreSalesCsv} layout) imported as {@code Channel.STORE} orders of
 * the members they name, so one point balance serves the web shop and the store. API under {@code /crm/api}:
 * {@code POST /store-sales/import} {@code {"csv":"…","firstLine":1}} (ADMIN, MARKETER): the report of what was
 * applied, what an earlier import had already applied, and every row left out by line number. A file larger than
 * a request body is sent in parts, each with the header and the file line of its header ({@code kizuna-cli
 * import-store-sales FILE} does this).
 */
public final class StoreSalesModule implements KizunaModule {

    /** The body of an import: CSV text and the file line of its header row. */
    record ImportRequest(String csv, Integer firstLine) {
    }

    @Override
    public String name() {
        return "stores";
    }

    @Override
    public int startOrder() {
        return 140;
    }

    @Override
    public void start(KizunaContext ctx) {
        StoreSales sales = new StoreSales(ctx.database(), ctx.blindIndex(),
                () -> ctx.ports().require(EventPublisher.class), ctx.zone(),
                ctx.host().shopCurrency().getCurrencyCode(), ctx.clock());
        ctx.ports().provide(StoreSales.class, sales);
        ctx.api().doc("Imports a store's sales (CSV in the documented layout); a repeated import is applied once").body(ImportRequest.class)
                .post("/store-sales/import", Access.admin(Role.ADMIN, Role.MARKETER), r -> {
            ImportRequest body = r.body(ImportRequest.class);
            return sales.importCsv(body.csv(), body.firstLine() == null ? 1 : Math.max(1, body.firstLine()), r.locale(), r.actor());
        });
    }
}
