package dev.kizuna.core.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every CSV export of Kizuna (segments, survey answers, a points ledger, coupon codes): RFC 4180 written by Apache
 * Commons CSV (comma, CRLF, a field quoted when it holds a comma, quote or line break), UTF-8 with a byte order mark
 * first by default so a Japanese Excel reads it as UTF-8 ({@link #withoutBom()} for programs that do not want one).
 *
 * <p>One rule defuses spreadsheet formulas (OWASP "CSV injection"): a text cell starting with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return is prefixed with a single quote. Numbers are left as they are, so a
 * negative figure such as {@code -120} stays a number: a cell given as a Java number, or text that is nothing but a
 * decimal number ({@code -120}, {@code -0.5}), cannot be a formula.
 */
public final class CsvExport {
    public static final char BOM = '\uFEFF';
    private static final String FORMULA_START = "=+-@\t\r";
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?[0-9]+([.][0-9]+)?");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setRecordSeparator("\r\n").setQuoteMode(QuoteMode.MINIMAL).setNullString("").get();

    private final StringBuilder out = new StringBuilder();
    private final CSVPrinter printer;

    private CsvExport(boolean bom) {
        if (bom) {
            out.append(BOM);
        }
        try {
            printer = new CSVPrinter(out, FORMAT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** UTF-8 with a byte order mark: what spreadsheet users get. */
    public static CsvExport withBom() {
        return new CsvExport(true);
    }

    /** No byte order mark: for programs reading the file. */
    public static CsvExport withoutBom() {
        return new CsvExport(false);
    }

    /** A header or data row; a null cell is empty, numbers are written as they are, text is defused. */
    public CsvExport row(List<?> cells) {
        try {
            printer.printRecord(cells.stream().map(CsvExport::cell).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public CsvExport row(Object... cells) {
        return row(Arrays.asList(cells));
    }

    /** The CSV so far (with its byte order mark, if any); encode it as UTF-8. */
    public String text() {
        return out.toString();
    }

    @Override
    public String toString() {
        return text();
    }

    /** A cell's text before quoting: empty for null, a number as is, other values through {@link #defuse}. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal) {
            return value.toString();
        }
        return defuse(value.toString());
    }

    /** The formula rule: a leading {@code = + - @}, tab or CR gets a single quote before it, unless the text is a number. */
    public static String defuse(String text) {
        if (text.isEmpty() || FORMULA_START.indexOf(text.charAt(0)) < 0 || PLAIN_NUMBER.matcher(text).matches()) {
            return text;
        }
        return "'" + text;
    }
}
