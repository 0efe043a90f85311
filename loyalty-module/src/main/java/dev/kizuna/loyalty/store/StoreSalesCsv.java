package dev.kizuna.loyalty.store;

import dev.kizuna.core.errors.InvalidInput;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The store sales CSV layout (UTF-8, a BOM allowed, a header row naming the columns in any order):
 * <pre>
 * store_id,receipt_no,sold_at,member_number,email,phone,type,sku,category,quantity,unit_price,discount
 * </pre>
 * {@code store_id}, {@code receipt_no}: up to 64 letters, digits, {@code -} or {@code _}; {@code sold_at}: an ISO
 * date-time with offset, or a local one ({@code 2026-05-01T14:30:00}) in the shop's zone; one of
 * {@code member_number}, {@code email}, {@code phone}; {@code type}: SALE (empty too), RETURN or CANCEL; {@code sku}
 * (not for CANCEL), {@code category} (optional), {@code quantity} (1–9999), {@code unit_price} and {@code discount}
 * (minor units, discount optional and at most the line's amount). Rows of one receipt (same store and receipt
 * number) make one order. A row that breaks a rule is reported by its line number and not imported.
 */
public final class StoreSalesCsv {
    static final List<String> COLUMNS = List.of("store_id", "receipt_no", "sold_at", "member_number", "email", "phone",
            "type", "sku", "category", "quantity", "unit_price", "discount");
    private static final Set<String> REQUIRED = Set.of("store_id", "receipt_no", "sold_at", "quantity", "unit_price");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final long MAX_PRICE = 100_000_000L;

    /** A row that could not be read: its line, the column at fault and the problem's key and arguments. */
    public record BadRow(int line, String column, String key, List<Object> args) {
    }

    /** The rows read, and those refused. */
    public record Parsed(List<StoreSale> sales, List<BadRow> bad) {
    }

    private StoreSalesCsv() {
    }

    /**
     * Reads {@code csv}; {@code firstLine} is the file line of the header (1 for a whole file; a later line when a
     * client sends a file in parts, each with the header, so lines are reported as in the file).
     */
    public static Parsed parse(String csv, int firstLine, ZoneId zone) {
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        List<StoreSale> sales = new ArrayList<>();
        List<BadRow> bad = new ArrayList<>();
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get().parse(new StringReader(text))) {
            Map<String, Integer> header = parser.getHeaderMap();
            for (String c : REQUIRED) {
                if (!header.containsKey(c)) {
                    throw new InvalidInput("csv", "store.column-missing", c);
                }
            }
            for (String c : header.keySet()) {
                if (!COLUMNS.contains(c)) {
                    throw new InvalidInput("csv", "store.column-unknown", c);
                }
            }
            for (CSVRecord r : parser) {
                int line = firstLine + (int) r.getRecordNumber();
                try {
                    sales.add(row(r, line, zone));
                } catch (InvalidInput e) {
                    bad.add(new BadRow(line, e.field(), e.key(), List.of(e.args())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            if (e instanceof InvalidInput i) {
                throw i;
            }
            throw new InvalidInput("csv", "store.csv-unreadable");
        }
        return new Parsed(sales, bad);
    }

    private static StoreSale row(CSVRecord r, int line, ZoneId zone) {
        String store = id(r, "store_id");
        String receipt = id(r, "receipt_no");
        Instant soldAt = instant(cell(r, "sold_at"), zone);
        String number = cell(r, "member_number");
        String email = cell(r, "email");
        String phone = cell(r, "phone");
        if (number == null && email == null && phone == null) {
            throw new InvalidInput("member_number", "store.member-required");
        }
        for (String[] c : new String[][]{{"member_number", number}, {"email", email}, {"phone", phone}}) {
            if (c[1] != null && c[1].length() > 254) {
                throw new InvalidInput(c[0], "too-long", 254);
            }
        }
        StoreSale.Type type;
        String t = cell(r, "type");
        try {
            type = t == null ? StoreSale.Type.SALE : StoreSale.Type.valueOf(t.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("type", "one-of", "SALE, RETURN, CANCEL");
        }
        String sku = cell(r, "sku");
        if (type != StoreSale.Type.CANCEL && (sku == null || sku.length() > 64)) {
            throw new InvalidInput("sku", "required-too-long", 64);
        }
        String category = cell(r, "category");
        if (category != null && category.length() > 64) {
            throw new InvalidInput("category", "too-long", 64);
        }
        long quantity = number(r, "quantity", 1, 9_999, type == StoreSale.Type.CANCEL ? 1L : null);
        long price = number(r, "unit_price", 0, MAX_PRICE, type == StoreSale.Type.SALE ? null : 0L);
        long discount = number(r, "discount", 0, MAX_PRICE, 0L);
        if (discount > price * quantity) {
            throw new InvalidInput("discount", "at-most", price * quantity);
        }
        return new StoreSale(line, store, receipt, soldAt, number, email, phone, type, sku, category, (int) quantity,
                price, discount);
    }

    private static String cell(CSVRecord r, String column) {
        if (!r.isMapped(column) || !r.isSet(column)) {
            return null;
        }
        String v = r.get(column);
        if (v.isEmpty()) {
            return null;
        }
        for (int i = 0; i < v.length(); i++) {
            if (Character.isISOControl(v.charAt(i))) {
                throw new InvalidInput(column, "store.control-character");
            }
        }
        return v;
    }

    private static String id(CSVRecord r, String column) {
        String v = cell(r, column);
        if (v == null || !ID.matcher(v).matches()) {
            throw new InvalidInput(column, "store.id");
        }
        return v;
    }

    private static long number(CSVRecord r, String column, long min, long max, Long fallback) {
        String v = cell(r, column);
        if (v == null) {
            if (fallback != null) {
                return fallback;
            }
            throw new InvalidInput(column, "required");
        }
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                throw new InvalidInput(column, "out-of-range", min, max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidInput(column, "whole-number");
        }
    }

    private static Instant instant(String v, ZoneId zone) {
        if (v == null) {
            throw new InvalidInput("sold_at", "required");
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(v).atZone(zone).toInstant();
            } catch (DateTimeParseException again) {
                throw new InvalidInput("sold_at", "invalid-date-time", "2026-05-01T14:30:00+09:00");
            }
        }
    }
}
