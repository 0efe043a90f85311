package dev.kizuna.demo.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replays the CDNOW purchase history ({@code CDNOW_master.txt}: {@code customer_id YYYYMMDD quantity dollars} per line,
 * 69,659 purchases by 23,570 customers, January 1997 to June 1998) through a running demo shop's JSON API, then runs
 * the {@code rfm-scoring} and {@code ltv-fit} jobs and prints the fitted model, so the console shows segments and
 * predictions on real purchase data.
 *
 * <p>Each customer becomes {@code POST /shop/api/customers} ({@code cdnow-<id>@example.com}); each line an order of one
 * line (sku {@code CDNOW-CD}, category {@code music}, the file's quantity, unit price = dollars × 100 / quantity
 * rounded, as JPY: the shop sells in yen and the amounts keep their proportions) placed at noon of its day in the
 * shop's zone ({@code placedAt}, honoured by a {@code --dev} shop only) and then delivered. Before placing orders it
 * moves the shop's clock to the day after the last purchase (or {@code --as-of}), so the jobs judge the history as of
 * its end. Requests go to localhost only, at most {@code --concurrency} (4) in flight.
 *
 * <pre>
 * java -cp demo-shop/target/kizuna-demo-shop.jar dev.kizuna.demo.replay.CdnowReplay \
 *      --input ../shared/data/cdnow/CDNOW_master.txt --admin-token secret [--limit 500]
 * </pre>
 * against a demo started with {@code --dev --admin-token secret --no-sample-data} on a fresh data directory.
 */
public final class CdnowReplay {
    static final String USAGE = """
            CDNOW replay: replays CDNOW_master.txt through a running demo shop (started with --dev), then runs the
            rfm-scoring and ltv-fit jobs and prints the fitted model.

              --input FILE         CDNOW_master.txt (customer_id YYYYMMDD quantity dollars per line) (required)
              --shop URL           the demo shop, on this machine (default http://localhost:8080)
              --admin-token T      the demo's --admin-token, to run the jobs and read the model afterwards
              --limit N            replay only the first N customers of the file (a quick try)
              --as-of YYYY-MM-DD   move the shop's clock to the start of this day first
                                   (default: the day after the last replayed purchase)
              --concurrency N      requests in flight (default 4, at most 16)
              --skip-bad-lines     leave out malformed lines (reported) instead of stopping
            """;

    static final ZoneId SHOP_ZONE = ZoneId.of("Asia/Tokyo");
    static final String SKU = "CDNOW-CD";
    static final String CATEGORY = "music";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    /** One line of the file: a purchase of {@code quantity} CDs for {@code cents} (US cents) on {@code date}. */
    record Line(String customerId, LocalDate date, int quantity, long cents) {

        /** The unit price in yen: cents spread over the CDs, rounded half up, so the order keeps the amount. */
        long unitPrice() {
            return BigDecimal.valueOf(cents).divide(BigDecimal.valueOf(quantity), 0, RoundingMode.HALF_UP).longValueExact();
        }
    }

    /** A line that is not a purchase, with its 1-based line number and what is wrong. */
    static final class MalformedLine extends Exception {
        private static final long serialVersionUID = 1L;
        private final int lineNumber;

        MalformedLine(int lineNumber, String problem) {
            super("line " + lineNumber + ": " + problem);
            this.lineNumber = lineNumber;
        }

        int lineNumber() {
            return lineNumber;
        }
    }

    /**
     * Parses one line. Blank lines and a header on the first line ({@code customer_id date ...}) are not purchases
     * (empty); anything else must be four whitespace-separated fields: a numeric customer id, a real date YYYYMMDD, a
     * quantity from 1 to 999 and a dollar amount ≥ 0 with at most two decimals.
     */
    static Optional<Line> parse(String text, int lineNumber) throws MalformedLine {
        String line = text.strip();
        if (line.isEmpty()) {
            return Optional.empty();
        }
        String[] f = line.split("\\s+");
        if (lineNumber == 1 && !f[0].chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        if (f.length != 4) {
            throw new MalformedLine(lineNumber, "expected 4 fields (customer_id date quantity amount), found " + f.length);
        }
        if (!f[0].matches("[0-9]{1,18}")) {
            throw new MalformedLine(lineNumber, "customer id '" + f[0] + "' is not a number");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(f[1], BASIC_DATE);
        } catch (DateTimeParseException e) {
            throw new MalformedLine(lineNumber, "date '" + f[1] + "' is not a date YYYYMMDD");
        }
        int quantity;
        try {
            quantity = Integer.parseInt(f[2]);
        } catch (NumberFormatException e) {
            throw new MalformedLine(lineNumber, "quantity '" + f[2] + "' is not a whole number");
        }
        if (quantity < 1 || quantity > 999) {
            throw new MalformedLine(lineNumber, "quantity " + quantity + " is not between 1 and 999");
        }
        long cents;
        try {
            BigDecimal dollars = new BigDecimal(f[3]);
            if (dollars.signum() < 0) {
                throw new MalformedLine(lineNumber, "amount " + f[3] + " is negative");
            }
            if (dollars.scale() > 2) {
                throw new MalformedLine(lineNumber, "amount " + f[3] + " has more than two decimals");
            }
            cents = dollars.movePointRight(2).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new MalformedLine(lineNumber, "amount '" + f[3] + "' is not a dollar amount");
        }
        return Optional.of(new Line(String.valueOf(Long.parseLong(f[0])), date, quantity, cents));
    }

    /** The file's purchases by customer, customers in order of first appearance, each customer's lines by date. */
    record History(Map<String, List<Line>> byCustomer, List<MalformedLine> skipped) {
        long purchases() {
            return byCustomer.values().stream().mapToLong(List::size).sum();
        }

        LocalDate lastDay() {
            return byCustomer.values().stream().flatMap(List::stream).map(Line::date).max(LocalDate::compareTo)
                    .orElseThrow();
        }
    }

    static History read(BufferedReader reader, Integer limit, boolean skipBadLines) throws IOException, MalformedLine {
        Map<String, List<Line>> byCustomer = new LinkedHashMap<>();
        List<MalformedLine> skipped = new ArrayList<>();
        String text;
        int n = 0;
        while ((text = reader.readLine()) != null) {
            n++;
            Optional<Line> line;
            try {
                line = parse(text, n);
            } catch (MalformedLine e) {
                if (!skipBadLines) {
                    throw e;
                }
                skipped.add(e);
                continue;
            }
            if (line.isEmpty()) {
                continue;
            }
            String id = line.get().customerId();
            if (!byCustomer.containsKey(id) && limit != null && byCustomer.size() >= limit) {
                continue;
            }
            byCustomer.computeIfAbsent(id, k -> new ArrayList<>()).add(line.get());
        }
        byCustomer.values().forEach(lines -> lines.sort((a, b) -> a.date().compareTo(b.date())));
        return new History(byCustomer, skipped);
    }

    /** Command-line options. */
    record Options(URI shop, Path input, String adminToken, Integer limit, LocalDate asOf, int concurrency,
                   boolean skipBadLines) {

        static Options parse(String[] args) {
            URI shop = URI.create("http://localhost:8080");
            Path input = null;
            String token = null;
            Integer limit = null;
            LocalDate asOf = null;
            int concurrency = 4;
            boolean skip = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--shop" -> shop = URI.create(value(args, ++i, a).replaceAll("/+$", ""));
                    case "--input" -> input = Path.of(value(args, ++i, a));
                    case "--admin-token" -> token = value(args, ++i, a);
                    case "--limit" -> limit = positive(value(args, ++i, a), a, Integer.MAX_VALUE);
                    case "--as-of" -> {
                        String v = value(args, ++i, a);
                        try {
                            asOf = LocalDate.parse(v);
                        } catch (DateTimeParseException e) {
                            throw new IllegalArgumentException("--as-of must be a date YYYY-MM-DD, not " + v);
                        }
                    }
                    case "--concurrency" -> concurrency = positive(value(args, ++i, a), a, 16);
                    case "--skip-bad-lines" -> skip = true;
                    case "--help", "-h" -> throw new UsageRequested();
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (input == null) {
                throw new IllegalArgumentException("--input FILE is required");
            }
            if (shop.getHost() == null || !LOCAL_HOSTS.contains(shop.getHost().toLowerCase(Locale.ROOT))
                    || !"http".equals(shop.getScheme())) {
                throw new IllegalArgumentException("--shop must be a demo shop on this machine, e.g. http://localhost:8080");
            }
            return new Options(shop, input, token, limit, asOf, concurrency, skip);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int positive(String v, String option, int max) {
            try {
                int n = Integer.parseInt(v);
                if (n < 1 || n > max) {
                    throw new IllegalArgumentException(option + " must be between 1 and " + max + ", not " + v);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be a whole number, not " + v);
            }
        }
    }

    static final class UsageRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** A request the shop refused or could not answer. */
    static final class ShopFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        ShopFailure(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageRequested help) {
            System.out.print(USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print("\n" + USAGE);
            System.exit(2);
            return;
        }
        try {
            System.exit(new CdnowReplay(options).run());
        } catch (MalformedLine e) {
            System.err.println(options.input() + ": " + e.getMessage() + " (--skip-bad-lines leaves such lines out)");
            System.exit(1);
        } catch (IOException e) {
            System.err.println("replay failed: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(130);
        }
    }

    private final Options options;
    private final HttpClient http;
    private final AtomicLong customersCreated = new AtomicLong();
    private final AtomicLong customersPresent = new AtomicLong();
    private final AtomicLong ordersPlaced = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    CdnowReplay(Options options) {
        this.options = options;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    int run() throws IOException, MalformedLine, InterruptedException {
        History history;
        try (BufferedReader reader = Files.newBufferedReader(options.input(), StandardCharsets.US_ASCII)) {
            history = read(reader, options.limit(), options.skipBadLines());
        }
        for (MalformedLine skipped : history.skipped()) {
            System.out.println("skipped " + skipped.getMessage());
        }
        if (!history.skipped().isEmpty()) {
            System.out.println("skipped " + history.skipped().size() + " malformed lines");
        }
        if (history.byCustomer().isEmpty()) {
            System.err.println(options.input() + ": no purchases to replay");
            return 1;
        }
        System.out.printf(Locale.ROOT, "read %,d purchases by %,d customers from %s%n", history.purchases(),
                history.byCustomer().size(), options.input());

        LocalDate asOf = options.asOf() != null ? options.asOf() : history.lastDay().plusDays(1);
        try {
            send("POST", "/shop/api/dev/clock", json(Map.of("now", asOf.atStartOfDay(SHOP_ZONE).toOffsetDateTime().toString())), false);
        } catch (ShopFailure e) {
            System.err.println(e.status() == 404
                    ? "the shop does not accept replayed history: start it with --dev"
                    : "cannot move the shop's clock: " + e.getMessage());
            return 1;
        }
        System.out.println("moved the shop's clock to " + asOf + " 00:00 (" + SHOP_ZONE + ")");

        long started = System.nanoTime();
        long total = history.byCustomer().size();
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(options.concurrency());
        List<Future<?>> tasks = new ArrayList<>();
        for (Map.Entry<String, List<Line>> customer : history.byCustomer().entrySet()) {
            tasks.add(pool.submit(() -> {
                replayCustomer(customer.getKey(), customer.getValue());
                long d = done.incrementAndGet();
                if (d % 1000 == 0 || d == total) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    System.out.printf(Locale.ROOT, "  %,d / %,d customers, %,d orders (%.0f orders/s)%n", d, total,
                            ordersPlaced.get(), ordersPlaced.get() / Math.max(seconds, 1e-3));
                }
            }));
        }
        pool.shutdown();
        for (Future<?> task : tasks) {
            try {
                task.get();
            } catch (java.util.concurrent.ExecutionException e) {
                failures.incrementAndGet();
                System.err.println("  replay task failed: " + e.getCause());
            }
        }
        pool.awaitTermination(1, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "replayed in %.1f s: %,d customers created, %,d already present (skipped), "
                        + "%,d orders placed and delivered, %,d failures%n",
                seconds, customersCreated.get(), customersPresent.get(), ordersPlaced.get(), failures.get());

        if (options.adminToken() == null) {
            System.out.println("no --admin-token: run the jobs from the console (Jobs: rfm-scoring, ltv-fit) or with");
            System.out.println("  curl -X POST -H 'Authorization: Bearer T' '" + options.shop()
                    + "/crm/api/jobs/rfm-scoring/run?wait=true'");
            return failures.get() == 0 ? 0 : 1;
        }
        boolean jobsOk = runJob("rfm-scoring") & runJob("ltv-fit");
        if (jobsOk) {
            printModel();
            printSegments();
        }
        return failures.get() == 0 && jobsOk ? 0 : 1;
    }

    private void replayCustomer(String id, List<Line> lines) {
        String customerId;
        try {
            JsonNode created = send("POST", "/shop/api/customers",
                    json(Map.of("email", "cdnow-" + id + "@example.com", "name", "CDNOW " + id)), false);
            customerId = created.get("id").asText();
            customersCreated.incrementAndGet();
        } catch (ShopFailure e) {
            if (e.status() == 409) {
                customersPresent.incrementAndGet();
            } else {
                failures.incrementAndGet();
                System.err.println("  customer " + id + ": " + e.getMessage());
            }
            return;
        }
        for (Line line : lines) {
            try {
                JsonNode placed = send("POST", "/shop/api/orders", order(customerId, line), false);
                send("POST", "/shop/api/orders/" + placed.get("id").asText() + "/deliver", null, false);
                ordersPlaced.incrementAndGet();
            } catch (ShopFailure e) {
                failures.incrementAndGet();
                System.err.println("  customer " + id + ", purchase of " + line.date() + ": " + e.getMessage());
            }
        }
    }

    static String order(String customerId, Line line) {
        ObjectNode o = JSON.createObjectNode();
        o.put("customerId", customerId);
        o.put("currency", "JPY");
        ArrayNode lines = o.putArray("lines");
        ObjectNode l = lines.addObject();
        l.put("sku", SKU);
        l.put("category", CATEGORY);
        l.put("quantity", line.quantity());
        l.put("unitPrice", line.unitPrice());
        o.put("placedAt", line.date().atTime(12, 0).atZone(SHOP_ZONE).toOffsetDateTime().toString());
        return o.toString();
    }

    private boolean runJob(String name) {
        System.out.println("running " + name + " ...");
        try {
            JsonNode run = send("POST", "/crm/api/jobs/" + name + "/run?wait=true&timeoutSeconds=3600", null, true);
            String status = run.path("status").asText("RUNNING");
            String took = "";
            if (run.hasNonNull("startedAt") && run.hasNonNull("finishedAt")) {
                Duration d = Duration.between(java.time.Instant.parse(run.get("startedAt").asText()),
                        java.time.Instant.parse(run.get("finishedAt").asText()));
                took = String.format(Locale.ROOT, " in %.1f s", d.toMillis() / 1000.0);
            }
            System.out.println("  " + name + ": " + status + took + ": " + run.path("outcome").asText(""));
            if (!"SUCCEEDED".equals(status)) {
                System.err.println("  " + name + " did not succeed: " + run.path("error").asText());
                return false;
            }
            return true;
        } catch (ShopFailure e) {
            System.err.println("  cannot run " + name + ": " + e.getMessage());
            return false;
        }
    }

    private void printModel() {
        JsonNode current = send("GET", "/crm/api/ltv/model?history=1", null, true).path("current");
        if (current.isMissingNode() || current.isNull()) {
            System.out.println("no fitted LTV model");
            return;
        }
        System.out.println("fitted LTV model (BG/NBD, Gamma-Gamma; spend in yen = cents):");
        for (String field : List.of("customers", "repeatCustomers", "r", "alpha", "a", "b", "logLikelihood", "p", "q",
                "gamma", "gammaGammaLogLikelihood", "horizonWeeks")) {
            JsonNode v = current.get(field);
            if (v != null && !v.isNull()) {
                System.out.println("  " + field + "=" + (v.isFloatingPointNumber()
                        ? String.format(Locale.ROOT, "%.6g", v.asDouble()) : v.asText()));
            }
        }
    }

    private void printSegments() {
        JsonNode sizes = send("GET", "/crm/api/segments", null, true).path("segments");
        System.out.println("RFM segments:");
        for (JsonNode s : sizes) {
            if ("rfm".equals(s.path("kind").asText())) {
                System.out.printf(Locale.ROOT, "  %-22s %,8d%n", s.path("nameEn").asText(), s.path("members").asLong());
            }
        }
        System.out.println("console: " + options.shop() + "/crm/admin/");
    }

    private static String json(Map<String, String> fields) {
        ObjectNode o = JSON.createObjectNode();
        fields.forEach(o::put);
        return o.toString();
    }

    /** Sends one request; retries twice on a dropped connection; any answer but 2xx is a {@link ShopFailure}. */
    private JsonNode send(String method, String path, String body, boolean admin) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(options.shop() + path))
                .timeout(Duration.ofMinutes(admin ? 65 : 2))
                .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (admin) {
            b.header("Authorization", "Bearer " + options.adminToken());
        }
        HttpRequest request = b.build();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 != 2) {
                    throw new ShopFailure(r.statusCode(), method + " " + path + " answered " + r.statusCode() + ": "
                            + problem(r.body()));
                }
                return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
            } catch (ConnectException e) {
                throw new ShopFailure(0, "no shop at " + options.shop() + " (is the demo running?)");
            } catch (IOException e) {
                if (attempt == 3) {
                    throw new ShopFailure(0, method + " " + path + " failed: " + e.getMessage());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ShopFailure(0, "interrupted");
            }
        }
    }

    private static String problem(String body) {
        try {
            JsonNode p = JSON.readTree(body);
            String detail = p.path("detail").asText("");
            String field = p.path("field").asText("");
            return field.isEmpty() ? detail : field + ": " + detail;
        } catch (IOException e) {
            return body.length() > 200 ? body.substring(0, 200) : body;
        }
    }
}
