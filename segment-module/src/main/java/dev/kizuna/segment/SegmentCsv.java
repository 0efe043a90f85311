package dev.kizuna.segment;

import dev.kizuna.core.csv.CsvExport;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A segment export as CSV, written by {@link CsvExport} (RFC 4180, UTF-8 with BOM, formulas defused). */
final class SegmentCsv {
    static final List<String> HEADER = List.of("customer_id", "name", "email", "locale", "rfm_segment", "recency_days",
            "frequency", "monetary", "r", "f", "m", "ltv_decile", "expected_purchases", "p_alive", "predicted_value");

    private final CsvExport out = CsvExport.withBom();

    SegmentCsv() {
        out.row(HEADER);
    }

    void add(SegmentQueries.MemberRow m) {
        SegmentQueries.RfmFigures rfm = m.rfm();
        SegmentQueries.LtvFigures ltv = m.ltv();
        out.row(Arrays.asList(
                m.customerRef(), m.displayName(), m.email(), m.locale(),
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
        return out.text();
    }
}
