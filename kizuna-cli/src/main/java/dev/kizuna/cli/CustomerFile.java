package dev.kizuna.cli;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.segment.ltv.CustomerSummary;
import dev.kizuna.segment.ltv.Purchase;
import dev.kizuna.segment.ltv.TransactionSummarizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Reads the customers of an LTV input file, which is one of
 * <ul>
 *   <li>a purchase log, one purchase per line: {@code customer_id date [quantity] amount}, the amount last, the
 *       date YYYYMMDD or YYYY-MM-DD, columns separated by whitespace or commas, an optional header line (the layout
 *       of CDNOW_master.txt);</li>
 *   <li>a table of customer summaries whose header names its columns: {@code frequency} or {@code x},
 *       {@code recency} or {@code t_x}, {@code T}, optionally {@code monetary} or {@code zbar}; other columns (an
 *       id) are ignored.</li>
 * </ul>
 * A first line without a number in any column is a header (a first purchase with a malformed amount is reported,
 * not taken for one); it is a summary table's when it names a summary column.
 */
final class CustomerFile {
    /** How many skipped lines are told one by one before only their count. */
    private static final int SKIPPED_LINES_SHOWN = 10;
    // possessive: a long run of blanks is read once, never backtracked through at each of its positions
    private static final Pattern SEPARATOR = Pattern.compile("\\s*+,\\s*+|\\s++");
    /** Plain decimals only: {@link Double#parseDouble} would also take "NaN", "1d" or hexadecimal. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern BASIC_DATE = Pattern.compile("\\d{8}");
    private static final int FREQUENCY = 0;
    private static final int RECENCY = 1;
    private static final int AGE = 2;
    private static final int MONETARY = 3;
    /** Header names of the summary figures, lower case, and the figure each stands for. */
    private static final Map<String, Integer> SUMMARY_COLUMNS = Map.of(
            "frequency", FREQUENCY, "x", FREQUENCY,
            "recency", RECENCY, "t_x", RECENCY,
            "t", AGE,
            "monetary", MONETARY, "monetary_value", MONETARY, "zbar", MONETARY);
    /** The figures' names in {@link CustomerSummary}, by figure. */
    private static final List<String> FIGURES = List.of("frequency", "recency", "age", "monetary");

    /**
     * @param customers  the customers' summaries, times in weeks
     * @param spendKnown whether the file gave amounts, so that spend can be modelled
     * @param skipped    the malformed lines left out (only with skipping on)
     */
    record Contents(List<CustomerSummary> customers, boolean spendKnown, List<MalformedLine> skipped) {
    }

    record MalformedLine(int number, String reason) {
        @Override
        public String toString() {
            return "line " + number + ": " + reason;
        }
    }

    private final boolean skipBadLines;
    private final List<MalformedLine> skipped = new ArrayList<>();
    private final List<Purchase> purchases = new ArrayList<>();
    private final List<CustomerSummary> summaries = new ArrayList<>();
    /** Column of each summary figure, -1 when absent; null while reading a purchase log. */
    private int[] summaryColumns;
    private String[] header;

    private CustomerFile(boolean skipBadLines) {
        this.skipBadLines = skipBadLines;
    }

    /**
     * @param calibrationEnd for a purchase log, the last day counted (null: the last day in the file)
     * @throws CliFailure if the file is missing, unreadable or malformed, or holds no customer
     */
    static Contents read(Path file, LocalDate calibrationEnd, boolean skipBadLines) {
        return readLines(file, skipBadLines).contents(file, calibrationEnd);
    }

    /** A purchase log's purchases, in file order, and the malformed lines left out (only with skipping on). */
    record PurchaseLog(List<Purchase> purchases, List<MalformedLine> skipped) {
    }

    /**
     * @throws CliFailure if the file is missing, unreadable or malformed, is a table of customer summaries, or
     *                    holds no purchase
     */
    static PurchaseLog readPurchases(Path file, boolean skipBadLines) {
        CustomerFile reading = readLines(file, skipBadLines);
        if (reading.summaryColumns != null) {
            throw CliFailure.inUsage(file + " is a table of customer summaries; a purchase log is needed "
                    + "(customer_id date [quantity] amount per line)");
        }
        if (reading.purchases.isEmpty()) {
            throw CliFailure.inData("no purchases in " + file);
        }
        return new PurchaseLog(List.copyOf(reading.purchases), List.copyOf(reading.skipped));
    }

    /** Tells the skipped lines on stderr: the first few one by one, then their count. */
    static void reportSkipped(List<MalformedLine> skipped, PrintWriter err) {
        skipped.stream().limit(SKIPPED_LINES_SHOWN).forEach(line -> err.println("kizuna: skipped " + line));
        if (!skipped.isEmpty()) {
            err.println("kizuna: skipped " + skipped.size() + " malformed line" + (skipped.size() == 1 ? "" : "s"));
        }
    }

    private static CustomerFile readLines(Path file, boolean skipBadLines) {
        if (!Files.exists(file)) {
            throw CliFailure.inUsage("input file not found: " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw CliFailure.inUsage("input is not a file: " + file);
        }
        CustomerFile reading = new CustomerFile(skipBadLines);
        // Undecodable bytes become U+FFFD and fail their line with its number instead of the whole file.
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            reading.readLines(in);
        } catch (IOException e) {
            throw CliFailure.inData("cannot read " + file + ": " + e.getMessage());
        }
        return reading;
    }

    private void readLines(BufferedReader in) throws IOException {
        boolean first = true;
        int number = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            number++;
            if (number == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            String[] columns = SEPARATOR.split(line.strip());
            if (first) {
                first = false;
                if (Arrays.stream(columns).noneMatch(column -> NUMBER.matcher(column).matches())) {
                    readHeader(columns, number);
                    continue;
                }
            }
            try {
                if (summaryColumns == null) {
                    purchases.add(purchase(columns));
                } else {
                    summaries.add(summary(columns));
                }
            } catch (IllegalArgumentException e) {
                MalformedLine malformed = new MalformedLine(number, e.getMessage());
                if (!skipBadLines) {
                    throw CliFailure.inData(malformed.toString());
                }
                skipped.add(malformed);
            }
        }
    }

    private void readHeader(String[] columns, int number) {
        int[] found = {-1, -1, -1, -1};
        boolean namesSummaryColumn = false;
        String[] names = new String[columns.length];
        for (int i = 0; i < columns.length; i++) {
            names[i] = unquoted(columns[i]);
            Integer figure = SUMMARY_COLUMNS.get(names[i].toLowerCase(Locale.ROOT));
            if (figure != null) {
                namesSummaryColumn = true;
                if (found[figure] < 0) {
                    found[figure] = i;
                }
            }
        }
        if (!namesSummaryColumn) {
            return; // a purchase log's header
        }
        if (found[FREQUENCY] < 0 || found[RECENCY] < 0 || found[AGE] < 0) {
            throw CliFailure.inData("line " + number + ": a summary table needs columns frequency (or x), recency "
                    + "(or t_x) and T; the header has " + String.join(", ", names));
        }
        summaryColumns = found;
        header = names;
    }

    private Purchase purchase(String[] columns) {
        if (columns.length != 3 && columns.length != 4) {
            throw new IllegalArgumentException("expected 3 or 4 columns (customer_id date [quantity] amount), found "
                    + columns.length);
        }
        if (columns.length == 4) {
            number(columns[2], "quantity");
        }
        return new Purchase(columns[0], date(columns[1]), number(columns[columns.length - 1], "amount"));
    }

    /** Problems are told in the file's own column names. */
    private CustomerSummary summary(String[] columns) {
        if (columns.length != header.length) {
            throw new IllegalArgumentException("expected " + header.length + " columns as in the header, found "
                    + columns.length);
        }
        double frequency = figure(columns, FREQUENCY);
        if (frequency != Math.rint(frequency) || Math.abs(frequency) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(header[summaryColumns[FREQUENCY]] + ": '"
                    + columns[summaryColumns[FREQUENCY]] + "' is not a whole number");
        }
        OptionalDouble monetary = summaryColumns[MONETARY] < 0
                ? OptionalDouble.empty()
                : OptionalDouble.of(figure(columns, MONETARY));
        try {
            return new CustomerSummary((int) frequency, figure(columns, RECENCY), figure(columns, AGE), monetary);
        } catch (InvalidInput e) {
            throw new IllegalArgumentException(header[summaryColumns[FIGURES.indexOf(e.field())]] + ": " + e.reason());
        }
    }

    private double figure(String[] columns, int figure) {
        int column = summaryColumns[figure];
        return number(columns[column], header[column]);
    }

    private Contents contents(Path file, LocalDate calibrationEnd) {
        if (summaryColumns != null) {
            if (calibrationEnd != null) {
                throw CliFailure.inUsage("--calibration-end applies to purchase logs; " + file
                        + " is a table of customer summaries");
            }
            requireCustomers(summaries, file);
            return new Contents(List.copyOf(summaries), summaryColumns[MONETARY] >= 0, List.copyOf(skipped));
        }
        List<CustomerSummary> customers = List.copyOf((calibrationEnd == null
                ? TransactionSummarizer.summarize(purchases)
                : TransactionSummarizer.summarize(purchases, calibrationEnd)).values());
        requireCustomers(customers, file);
        return new Contents(customers, true, List.copyOf(skipped));
    }

    private static void requireCustomers(List<CustomerSummary> customers, Path file) {
        if (customers.isEmpty()) {
            throw CliFailure.inData("no customers in " + file);
        }
    }

    private static double number(String text, String column) {
        if (!NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException(column + ": '" + text + "' is not a number");
        }
        double value = Double.parseDouble(text);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(column + ": '" + text + "' is out of range");
        }
        return value;
    }

    private static LocalDate date(String text) {
        try {
            if (BASIC_DATE.matcher(text).matches()) {
                return LocalDate.parse(text, DateTimeFormatter.BASIC_ISO_DATE);
            }
            if (ISO_DATE.matcher(text).matches()) {
                return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
            }
        } catch (DateTimeParseException e) {
            // falls through to the same message as any other non-date
        }
        throw new IllegalArgumentException("date: '" + text + "' is not a date (YYYYMMDD or YYYY-MM-DD)");
    }

    private static String unquoted(String column) {
        return column.length() >= 2 && column.startsWith("\"") && column.endsWith("\"")
                ? column.substring(1, column.length() - 1)
                : column;
    }
}
