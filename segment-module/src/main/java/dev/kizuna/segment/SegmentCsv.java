package dev.kizuna.segment;

import java.util.List;
import java.util.Locale;

/**
 * A segment export as CSV (RFC 4180: comma-separated, CRLF, fields with commas, quotes or line breaks quoted). Text a
 * customer typed (a name) that starts like a spreadsheet formula ({@code = + - @}) is prefixed with an apostrophe so
 * opening the export in a spreadsheet never runs it.
 */
final class SegmentCsv {
    static final List<String> HEADER = List.of("customer_id", "name", "email", "locale", "rfm_segment", "recency_days",
            "frequency", "monetary", "r", "f", "m", "ltv_decile", "expected_purchases", "p_alive", "predicted_value");

    private final StringBuilder out = new StringBuilder();

    SegmentCsv() {
        row(HEADER);
    }

    void add(SegmentQueries.MemberRow m) {
        SegmentQueries.RfmFigures rfm = m.rfm();
        SegmentQueries.LtvFigures ltv = m.ltv();
        row(List.of(
                text(m.customerRef()), text(m.displayName()), text(m.email()), text(m.locale()),
                rfm == null ? "" : rfm.segmentKey(),
                rfm == null ? "" : Integer.toString(rfm.recencyDays()),
                rfm == null ? "" : Integer.toString(rfm.frequency()),
                rfm == null ? "" : Long.toString(rfm.monetary()),
                rfm == null ? "" : Integer.toString(rfm.r()),
                rfm == null ? "" : Integer.toString(rfm.f()),
                rfm == null ? "" : Integer.toString(rfm.m()),
                ltv == null ? "" : Integer.toString(ltv.decile()),
                ltv == null ? "" : String.format(Locale.ROOT, "%.4f", ltv.expectedPurchases()),
                ltv == null ? "" : String.format(Locale.ROOT, "%.4f", ltv.pAlive()),
                ltv == null ? "" : Long.toString(ltv.predictedValue())));
    }

    String text() {
        return out.toString();
    }

    private void row(List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(fields.get(i)));
        }
        out.append("\r\n");
    }

    /** Neutralises formula-like text; null becomes empty. */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value;
    }

    static String quote(String field) {
        if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }
}
