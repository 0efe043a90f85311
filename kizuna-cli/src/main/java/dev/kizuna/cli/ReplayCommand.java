package dev.kizuna.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.segment.ltv.Purchase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code kizuna replay}: plays a purchase log (such as CDNOW_master.txt) into a demo shop started with {@code --dev},
 * as the shop's own customers and orders, then runs the {@code rfm-scoring} and {@code ltv-fit} jobs and prints the
 * segments and the fitted model, so the console shows them on real purchase history.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Replay a purchase log through the demo shop, then run the RFM and LTV jobs.",
        description = {
            "Replays a purchase log through a demo shop started with --dev --admin-token T: each customer of the log "
                    + "is registered (cdnow-<id>@example.com), each purchase becomes an order dated at noon of its day "
                    + "(one line, price = amount × AMOUNT-SCALE yen) and is delivered. The shop's clock is moved to "
                    + "the start of the day after the last purchase (or --as-of), then the rfm-scoring and ltv-fit "
                    + "jobs run and their results are printed.",
            "Start the demo on a fresh data directory with --no-sample-data, so that only the log's customers count. "
                    + "Customers already registered by an earlier replay are left as they are."
        })
final class ReplayCommand implements Callable<Integer> {
    private static final Duration JOB_TIMEOUT = Duration.ofHours(1);
    private static final int PROGRESS_EVERY = 1_000;
    /** Failed requests told one by one before only their count. */
    private static final int FAILURES_SHOWN = 10;
    /** So many failed requests mean something is wrong with the shop, not with a purchase: stop. */
    private static final int FAILURES_BEFORE_GIVING_UP = 100;

    @Spec
    CommandSpec spec;

    @Option(names = "--shop", paramLabel = "URL", defaultValue = "http://localhost:8080",
            description = "The demo shop (default: ${DEFAULT-VALUE}).")
    URI shopUrl;

    @Option(names = "--admin-token", required = true, paramLabel = "T",
            description = "The demo shop's --admin-token, to run the jobs and read their results.")
    String adminToken;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Purchase log: customer_id date [quantity] amount per line (like CDNOW_master.txt).")
    Path input;

    @Option(names = "--limit", paramLabel = "N", description = "Replay only the first N customers of the log.")
    Integer limit;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
            description = "The day the jobs judge the history on (default: the day after the last purchase).")
    LocalDate asOf;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "4",
            description = "Customers replayed at the same time (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--amount-scale", paramLabel = "YEN", defaultValue = "100",
            description = "Yen per unit of the log's amounts (default: ${DEFAULT-VALUE}: dollars become cents).")
    int amountScale;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "Asia/Tokyo",
            description = "The shop's time zone, in which purchase days are dated (default: ${DEFAULT-VALUE}).")
    ZoneId zone;

    @Option(names = "--skip-bad-lines",
            description = "Leave malformed lines out (counted on stderr) instead of failing on the first one.")
    boolean skipBadLines;

    private final AtomicLong customersCreated = new AtomicLong();
    private final AtomicLong customersPresent = new AtomicLong();
    private final AtomicLong ordersPlaced = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicBoolean givenUp = new AtomicBoolean();

    @Override
    public Integer call() throws InterruptedException {
        checkOptions();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CustomerFile.PurchaseLog log = CustomerFile.readPurchases(input, skipBadLines);
        CustomerFile.reportSkipped(log.skipped(), err);
        Map<String, List<Purchase>> customers = byCustomer(log.purchases());
        long purchases = customers.values().stream().mapToLong(List::size).sum();
        LocalDate lastDay = customers.values().stream().flatMap(List::stream).map(Purchase::date)
                .max(Comparator.naturalOrder()).orElseThrow();
        LocalDate judgedOn = asOf != null ? asOf : lastDay.plusDays(1);
        if (judgedOn.isBefore(lastDay)) {
            throw CliFailure.inUsage("--as-of " + judgedOn + " is before the last replayed purchase (" + lastDay + ")");
        }
        out.printf(Locale.ROOT, "read %,d purchases by %,d customers from %s%n", purchases, customers.size(), input);

        ShopClient shop = new ShopClient(shopUrl, adminToken);
        try {
            moveClock(shop, judgedOn);
        } catch (ShopClient.ShopFailure e) {
            throw CliFailure.inUsage(e.status() == 404
                    ? shopUrl + " does not take replayed history: start the demo shop with --dev"
                    : e.getMessage());
        }
        out.println("shop clock at " + judgedOn + " 00:00 " + zone);
        out.flush();

        long started = System.nanoTime();
        replay(shop, customers, err);
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "replayed in %.1f s (%.0f orders/s): %,d customers registered, %,d already there "
                        + "(left as they were), %,d orders placed and delivered, %,d failed requests%n",
                seconds, ordersPlaced.get() / Math.max(seconds, 1e-3), customersCreated.get(), customersPresent.get(),
                ordersPlaced.get(), failures.get());
        if (givenUp.get()) {
            throw CliFailure.inData("gave up after " + failures.get() + " failed requests");
        }
        out.flush();

        boolean jobsSucceeded = runJob(shop, "rfm-scoring", out, err) && runJob(shop, "ltv-fit", out, err);
        if (jobsSucceeded) {
            printModel(shop, out);
            printSegments(shop, out);
            out.println("console: " + shopUrl.resolve("/crm/admin/"));
        }
        return jobsSucceeded && failures.get() == 0 ? 0 : 1;
    }

    private void checkOptions() {
        if (limit != null && limit < 1) {
            throw CliFailure.inUsage("--limit must be 1 or more, was " + limit);
        }
        if (clients < 1 || clients > 32) {
            throw CliFailure.inUsage("--clients must be between 1 and 32, was " + clients);
        }
        if (amountScale < 1) {
            throw CliFailure.inUsage("--amount-scale must be 1 or more, was " + amountScale);
        }
        if ((!"http".equals(shopUrl.getScheme()) && !"https".equals(shopUrl.getScheme())) || shopUrl.getHost() == null) {
            throw CliFailure.inUsage("--shop must be an http(s) URL such as http://localhost:8080, was " + shopUrl);
        }
    }

    /** The first {@code --limit} customers in order of first appearance, each with their purchases by day. */
    private Map<String, List<Purchase>> byCustomer(List<Purchase> purchases) {
        Map<String, List<Purchase>> customers = new LinkedHashMap<>();
        for (Purchase purchase : purchases) {
            List<Purchase> own = customers.get(purchase.customerId());
            if (own == null) {
                if (limit != null && customers.size() >= limit) {
                    continue;
                }
                own = new ArrayList<>();
                customers.put(purchase.customerId(), own);
            }
            own.add(purchase);
        }
        customers.values().forEach(own -> own.sort(Comparator.comparing(Purchase::date)));
        return customers;
    }

    private void moveClock(ShopClient shop, LocalDate day) {
        shop.shop("POST", "/shop/api/dev/clock",
                Map.of("now", day.atStartOfDay(zone).toOffsetDateTime().toString()));
    }

    private void replay(ShopClient shop, Map<String, List<Purchase>> customers, PrintWriter err)
            throws InterruptedException {
        long started = System.nanoTime();
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> tasks = new ArrayList<>(customers.size());
            for (Map.Entry<String, List<Purchase>> customer : customers.entrySet()) {
                tasks.add(pool.submit(() -> {
                    if (givenUp.get()) {
                        return;
                    }
                    replayCustomer(shop, customer.getKey(), customer.getValue(), err);
                    long d = done.incrementAndGet();
                    if (d % PROGRESS_EVERY == 0) {
                        double seconds = (System.nanoTime() - started) / 1e9;
                        synchronized (err) {
                            err.printf(Locale.ROOT, "  %,d / %,d customers, %,d orders, %.0f s%n", d,
                                    customers.size(), ordersPlaced.get(), seconds);
                            err.flush();
                        }
                    }
                }));
            }
            for (Future<?> task : tasks) {
                try {
                    task.get();
                } catch (ExecutionException e) {
                    failed("replay of a customer failed: " + e.getCause(), err);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void replayCustomer(ShopClient shop, String id, List<Purchase> purchases, PrintWriter err) {
        String customerId;
        try {
            customerId = shop.shop("POST", "/shop/api/customers",
                    Map.of("email", "cdnow-" + id + "@example.com", "name", "CDNOW " + id)).path("id").asText();
            customersCreated.incrementAndGet();
        } catch (ShopClient.ShopFailure e) {
            if (e.status() == 409) {
                customersPresent.incrementAndGet();
            } else {
                failed("customer " + id + ": " + e.getMessage(), err);
            }
            return;
        }
        for (Purchase purchase : purchases) {
            if (givenUp.get()) {
                return;
            }
            try {
                String orderId = shop.shop("POST", "/shop/api/orders", order(customerId, purchase)).path("id").asText();
                shop.shop("POST", "/shop/api/orders/" + orderId + "/deliver", null);
                ordersPlaced.incrementAndGet();
            } catch (ShopClient.ShopFailure e) {
                failed("customer " + id + ", purchase of " + purchase.date() + ": " + e.getMessage(), err);
            }
        }
    }

    /** One line whose price is the purchase's amount in yen, placed at noon of its day in the shop's zone. */
    Map<String, Object> order(String customerId, Purchase purchase) {
        long yen = Math.round(purchase.amount() * amountScale);
        return Map.of(
                "customerId", customerId,
                "currency", "JPY",
                "lines", List.of(Map.of("sku", "CDNOW-CD", "category", "music", "quantity", 1, "unitPrice", yen)),
                "placedAt", purchase.date().atTime(12, 0).atZone(zone).toOffsetDateTime().toString());
    }

    private void failed(String message, PrintWriter err) {
        long n = failures.incrementAndGet();
        synchronized (err) {
            if (n <= FAILURES_SHOWN) {
                err.println("kizuna: " + message);
            }
            if (n == FAILURES_BEFORE_GIVING_UP && !givenUp.getAndSet(true)) {
                err.println("kizuna: " + n + " requests failed; stopping the replay");
            }
            err.flush();
        }
    }

    private boolean runJob(ShopClient shop, String job, PrintWriter out, PrintWriter err) {
        long started = System.nanoTime();
        JsonNode run;
        try {
            run = shop.admin("POST", "/crm/api/jobs/" + job + "/run?wait=true&timeoutSeconds="
                    + JOB_TIMEOUT.toSeconds(), JOB_TIMEOUT.plusMinutes(1));
        } catch (ShopClient.ShopFailure e) {
            err.println("kizuna: cannot run " + job + ": " + e.getMessage()
                    + (e.status() == 401 || e.status() == 403 ? " (is --admin-token the demo's --admin-token?)" : ""));
            return false;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String status = run.path("status").asText("RUNNING");
        out.printf(Locale.ROOT, "%s: %s in %.1f s%s%n", job, status, seconds,
                run.path("outcome").asText("").isEmpty() ? "" : " (" + run.path("outcome").asText() + ")");
        if (!"SUCCEEDED".equals(status)) {
            err.println("kizuna: " + job + " did not succeed" + (run.hasNonNull("error") ? ": " + run.get("error").asText() : ""));
            return false;
        }
        return true;
    }

    private static void printModel(ShopClient shop, PrintWriter out) {
        JsonNode model = shop.admin("GET", "/crm/api/ltv/model?history=1", Duration.ofMinutes(1)).path("current");
        if (model.isMissingNode() || model.isNull()) {
            out.println("no LTV model was fitted");
            return;
        }
        out.println("LTV model (BG/NBD; Gamma-Gamma with spend in yen):");
        Figures figures = new Figures(out);
        printFigure(figures, model, "customers", "customers");
        printFigure(figures, model, "repeat_customers", "repeatCustomers");
        printFigure(figures, model, "r", "r");
        printFigure(figures, model, "alpha", "alpha");
        printFigure(figures, model, "a", "a");
        printFigure(figures, model, "b", "b");
        printFigure(figures, model, "loglik", "logLikelihood");
        printFigure(figures, model, "p", "p");
        printFigure(figures, model, "q", "q");
        printFigure(figures, model, "gamma", "gamma");
        printFigure(figures, model, "gg_loglik", "gammaGammaLogLikelihood");
        printFigure(figures, model, "horizon_weeks", "horizonWeeks");
        printFigure(figures, model, "fit_millis", "fitMillis");
    }

    private static void printFigure(Figures figures, JsonNode model, String name, String field) {
        JsonNode value = model.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (value.isIntegralNumber()) {
            figures.print(name, value.asLong());
        } else {
            figures.print(name, value.asDouble());
        }
    }

    private static void printSegments(ShopClient shop, PrintWriter out) {
        JsonNode segments = shop.admin("GET", "/crm/api/segments", Duration.ofMinutes(5)).path("segments");
        for (String kind : List.of("rfm", "ltv")) {
            out.println(kind.equals("rfm") ? "RFM segments (members):" : "LTV segments (members):");
            for (JsonNode segment : segments) {
                if (kind.equals(segment.path("kind").asText())) {
                    out.printf(Locale.ROOT, "  %-28s %,9d%n", segment.path("key").asText(),
                            segment.path("members").asLong());
                }
            }
        }
    }
}
