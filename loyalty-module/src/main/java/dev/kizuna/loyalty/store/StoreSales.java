package dev.kizuna.loyalty.store;

import dev.kizuna.core.crypto.BlindIndex;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.spi.EventPublisher;
import dev.kizuna.core.spi.HostEvent;
import dev.kizuna.core.spi.OrderCancelled;
import dev.kizuna.core.spi.OrderDelivered;
import dev.kizuna.core.spi.OrderReturned;
import dev.kizuna.core.spi.OrderSubmitted;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Brings a store's sales in: each receipt becomes an order of {@code Channel.STORE} (order ref
 * {@code store:<store>:<receipt>}) for the member its rows name by member number, e-mail or phone (found through
 * the blind indexes), handed over at the till (so it confirms after the return window like a delivered web order);
 * returned lines and voided receipts reverse it. Everything goes through the event intake, so store orders earn,
 * confirm and reverse by the same rules as web orders, and every event id is derived from the store, the receipt
 * and the row, so importing the same file again applies nothing twice. Rows that cannot be read or matched are
 * reported by line number and left out.
 */
public final class StoreSales {
    static final int EVENTS_PER_BATCH = 500;

    /** A row left out: its line, the column at fault (null for the row as a whole), a code and a text. */
    public record Problem(int line, String column, String code, String text) {
    }

    /**
     * What an import did: rows read, receipts (orders, returns, voids) applied now, already applied by an earlier
     * import, and the rows left out.
     */
    public record Report(int rows, int applied, int repeated, int parked, List<Problem> problems) {
    }

    private final Database db;
    private final BlindIndex index;
    private final Supplier<EventPublisher> publisher;
    private final ZoneId zone;
    private final String currency;
    private final Clock clock;

    StoreSales(Database db, BlindIndex index, Supplier<EventPublisher> publisher, ZoneId zone, String currency,
               Clock clock) {
        this.clock = clock;
        this.db = db;
        this.index = index;
        this.publisher = publisher;
        this.zone = zone;
        this.currency = currency;
    }

    /** Imports a CSV in the {@link StoreSalesCsv} layout; {@code firstLine}: the file line of its header. */
    public Report importCsv(String csv, int firstLine, Locale locale, String actor) {
        if (csv == null || csv.isBlank()) {
            throw new InvalidInput("csv", "required");
        }
        StoreSalesCsv.Parsed parsed = StoreSalesCsv.parse(csv, firstLine, zone);
        List<Problem> problems = new ArrayList<>();
        for (StoreSalesCsv.BadRow b : parsed.bad()) {
            problems.add(new Problem(b.line(), b.column(), b.key(),
                    new InvalidInput(b.column(), b.key(), b.args().toArray()).detail(locale)));
        }
        // a receipt with a row whose member is not found is left out whole: part of it would earn on the wrong total
        Set<String> badReceipts = new HashSet<>();
        List<StoreSale> sales = parsed.sales();
        Map<String, String> customers = db.inTransaction(tx -> match(tx, sales));
        Map<String, List<StoreSale>> receipts = new LinkedHashMap<>();
        for (StoreSale s : sales) {
            String customer = customers.get(key(s));
            if (customer == null) {
                problems.add(problem(s.line(), null, "store.no-member", locale));
                badReceipts.add(s.orderRef() + "/" + s.type());
                continue;
            }
            receipts.computeIfAbsent(s.orderRef() + "/" + s.type() + "/"
                    + (s.type() == StoreSale.Type.RETURN ? s.soldAt().toEpochMilli() : 0), k -> new ArrayList<>()).add(s);
        }
        // sales first, then their hand-overs, then returns and voids: a run of orders is applied set-based
        List<HostEvent> events = new ArrayList<>();
        List<List<StoreSale>> sources = new ArrayList<>();
        List<HostEvent> handovers = new ArrayList<>();
        List<HostEvent> reversals = new ArrayList<>();
        List<List<StoreSale>> reversalSources = new ArrayList<>();
        for (List<StoreSale> rows : receipts.values()) {
            StoreSale first = rows.get(0);
            if (badReceipts.contains(first.orderRef() + "/" + first.type())) {
                rows.forEach(r -> problems.add(problem(r.line(), null, "store.receipt-left-out", locale)));
                continue;
            }
            Set<String> skus = new HashSet<>();
            if (rows.stream().anyMatch(r -> r.sku() != null && !skus.add(r.sku()))) {
                rows.forEach(r -> problems.add(problem(r.line(), "sku", "store.sku-twice", locale)));
                continue;
            }
            String customer = customers.get(key(first));
            switch (first.type()) {
                case SALE -> {
                    List<OrderSubmitted.OrderLine> lines = rows.stream().map(r -> new OrderSubmitted.OrderLine(r.sku(),
                            r.category(), r.quantity(), r.unitPrice(), r.discount())).toList();
                    long total = lines.stream().mapToLong(OrderSubmitted.OrderLine::netAmount).sum();
                    events.add(new OrderSubmitted("store-sale:" + first.orderRef(), first.soldAt(), first.orderRef(),
                            customer, currency, OrderSubmitted.Channel.STORE, lines, total, 0, 0, 0, 0, null, total));
                    sources.add(rows);
                    handovers.add(new OrderDelivered("store-handed-over:" + first.orderRef(), first.soldAt(), first.orderRef()));
                }
                case RETURN -> {
                    reversals.add(new OrderReturned("store-return:" + first.orderRef() + ":" + first.soldAt().toEpochMilli(),
                            first.soldAt(), first.orderRef(),
                            rows.stream().map(r -> new OrderReturned.ReturnedLine(r.sku(), r.quantity())).toList()));
                    reversalSources.add(rows);
                }
                case CANCEL -> {
                    reversals.add(new OrderCancelled("store-void:" + first.orderRef(), first.soldAt(), first.orderRef()));
                    reversalSources.add(rows);
                }
            }
        }
        int[] counts = new int[3]; // applied, repeated, parked
        for (int from = 0; from < events.size(); from += EVENTS_PER_BATCH) {
            int to = Math.min(events.size(), from + EVENTS_PER_BATCH);
            count(publisher.get().publishAll(events.subList(from, to)), sources.subList(from, to), counts, problems, locale);
            publisher.get().publishAll(handovers.subList(from, to));
        }
        for (int from = 0; from < reversals.size(); from += EVENTS_PER_BATCH) {
            int to = Math.min(reversals.size(), from + EVENTS_PER_BATCH);
            count(publisher.get().publishAll(reversals.subList(from, to)), reversalSources.subList(from, to), counts,
                    problems, locale);
        }
        int applied = counts[0];
        int repeated = counts[1];
        int parked = counts[2];
        problems.sort((a, b) -> Integer.compare(a.line(), b.line()));
        Report report = new Report(parsed.sales().size() + parsed.bad().size(), applied, repeated, parked, problems);
        db.execute(tx -> tx.sql().update("""
                INSERT INTO store_import (imported_at, imported_by, first_line, rows_read, applied, repeated, parked, left_out)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", clock.instant(), actor, firstLine, report.rows(), report.applied(),
                report.repeated(), report.parked(), report.problems().size()));
        return report;
    }

    private static void count(List<EventPublisher.Outcome> outcomes, List<List<StoreSale>> sources, int[] counts,
                              List<Problem> problems, Locale locale) {
        for (int i = 0; i < outcomes.size(); i++) {
            switch (outcomes.get(i)) {
                case APPLIED -> counts[0]++;
                case DUPLICATE -> counts[1]++;
                case PARKED -> counts[2]++;
                case FAILED, REJECTED -> sources.get(i).forEach(r -> problems.add(problem(r.line(), null,
                        "store.not-applied", locale)));
            }
        }
    }

    private static Problem problem(int line, String column, String key, Locale locale) {
        return new Problem(line, column, key, new InvalidInput(column == null ? "row" : column, key).text(locale));
    }

    /** How a row names its member: the first of member number, e-mail and phone it gives. */
    private static String key(StoreSale s) {
        return s.memberNumber() != null ? "n:" + s.memberNumber()
                : s.email() != null ? "e:" + BlindIndex.normaliseEmail(s.email())
                : "p:" + BlindIndex.normalisePhone(s.phone());
    }

    /**
     * The customer id of each row's member, in three statements whatever the number of rows: member numbers
     * directly, e-mails and phones by their blind index; an index two members share matches nobody.
     */
    private Map<String, String> match(Tx tx, List<StoreSale> sales) {
        Set<String> numbers = new HashSet<>();
        Map<String, String> emailByIndex = new HashMap<>();
        Map<String, String> phoneByIndex = new HashMap<>();
        HexFormat hex = HexFormat.of();
        for (StoreSale s : sales) {
            String k = key(s);
            if (k.startsWith("n:")) {
                numbers.add(s.memberNumber());
            } else if (k.startsWith("e:")) {
                byte[] i = index.email(s.email());
                if (i != null) {
                    emailByIndex.put(hex.formatHex(i), k);
                }
            } else {
                byte[] i = index.phone(s.phone());
                if (i != null) {
                    phoneByIndex.put(hex.formatHex(i), k);
                }
            }
        }
        Map<String, String> out = new HashMap<>();
        tx.sql().list("SELECT customer_ref FROM member WHERE customer_ref = ANY(?)", rs -> rs.getString(1),
                tx.sql().textArray(numbers.toArray(String[]::new))).forEach(c -> out.put("n:" + c, c));
        byIndex(tx, "email_index", emailByIndex, out);
        byIndex(tx, "phone_index", phoneByIndex, out);
        return out;
    }

    private static void byIndex(Tx tx, String column, Map<String, String> keysByIndex, Map<String, String> out) {
        if (keysByIndex.isEmpty()) {
            return;
        }
        HexFormat hex = HexFormat.of();
        byte[][] indexes = keysByIndex.keySet().stream().map(hex::parseHex).toArray(byte[][]::new);
        Array array;
        try {
            array = tx.sql().connection().createArrayOf("bytea", indexes);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot bind blind indexes", e);
        }
        Map<String, Integer> seen = new HashMap<>();
        Map<String, String> found = new HashMap<>();
        tx.sql().list("SELECT " + column + ", customer_ref FROM member WHERE " + column + " = ANY(?)", rs -> {
            String k = keysByIndex.get(hex.formatHex(rs.getBytes(1)));
            seen.merge(k, 1, Integer::sum);
            found.put(k, rs.getString(2));
            return 1;
        }, array);
        found.forEach((k, customer) -> {
            if (seen.get(k) == 1) {
                out.put(k, customer);
            }
        });
    }
}
