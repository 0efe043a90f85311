package dev.kizuna.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code kizuna import-store-sales FILE}: sends a store's sales file (the layout of Kizuna's store sales import,
 * one row per line) to {@code POST /crm/api/store-sales/import} in parts of {@code --rows-per-request} rows, each with
 * the header and its place in the file, drawing a progress bar; then prints what was applied, what an earlier import
 * had already applied, and every row left out by its line in the file. Importing the same file again applies
 * nothing twice.
 */
@Command(name = "import-store-sales", mixinStandardHelpOptions = true,
        description = "Import a store's sales CSV into Kizuna (points for store purchases).")
final class ImportStoreSalesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The sales CSV (UTF-8, header row first).")
    Path file;

    @Option(names = "--shop", paramLabel = "URL", defaultValue = "http://localhost:8080",
            description = "The shop Kizuna runs in (default: ${DEFAULT-VALUE}).")
    URI shopUrl;

    @Option(names = "--admin-token", required = true, paramLabel = "T", description = "Kizuna's admin API token.")
    String adminToken;

    @Option(names = "--rows-per-request", paramLabel = "N", defaultValue = "2000",
            description = "Rows sent in one request (default: ${DEFAULT-VALUE}).")
    int rowsPerRequest;

    @Override
    public Integer call() {
        if (rowsPerRequest < 1 || rowsPerRequest > 5_000) {
            throw CliFailure.inUsage("--rows-per-request must be between 1 and 5000");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliFailure.inUsage("cannot read " + file + ": " + e.getMessage());
        }
        if (lines.isEmpty()) {
            throw CliFailure.inData(file + " is empty");
        }
        String header = lines.get(0).startsWith("\uFEFF") ? lines.get(0).substring(1) : lines.get(0);
        int rows = lines.size() - 1;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ShopClient shop = new ShopClient(shopUrl, adminToken);
        long applied = 0;
        long repeated = 0;
        long parked = 0;
        List<String> problems = new ArrayList<>();
        for (int from = 0; from < rows; from += rowsPerRequest) {
            int to = Math.min(rows, from + rowsPerRequest);
            StringBuilder part = new StringBuilder(header).append('\n');
            for (int i = from; i < to; i++) {
                part.append(lines.get(i + 1)).append('\n');
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("csv", part.toString());
            // the part's first row is file line from + 2, so its header stands at line from + 1
            body.put("firstLine", from + 1);
            JsonNode report;
            try {
                report = shop.admin("POST", "/crm/api/store-sales/import", body, Duration.ofMinutes(10));
            } catch (ShopClient.ShopFailure e) {
                err.println();
                throw e.status() == 0 || e.status() == 401 || e.status() == 403
                        ? CliFailure.inUsage(e.getMessage()) : CliFailure.inData(e.getMessage());
            }
            applied += report.path("applied").asLong();
            repeated += report.path("repeated").asLong();
            parked += report.path("parked").asLong();
            for (JsonNode p : report.path("problems")) {
                problems.add(String.format(Locale.ROOT, "line %d: %s", p.path("line").asInt(), p.path("text").asText()));
            }
            progress(err, to, rows);
        }
        err.println();
        out.printf(Locale.ROOT, "%,d rows: %,d receipts applied, %,d already imported, %,d waiting for their sale, "
                + "%,d rows left out%n", rows, applied, repeated, parked, problems.size());
        problems.forEach(out::println);
        out.flush();
        return 0;
    }

    private static void progress(PrintWriter err, int done, int total) {
        int width = 40;
        int filled = total == 0 ? width : (int) ((long) done * width / total);
        err.printf(Locale.ROOT, "\r[%s%s] %3d%% %,d/%,d rows", "#".repeat(filled), " ".repeat(width - filled),
                total == 0 ? 100 : done * 100L / total, done, total);
        err.flush();
    }
}
