package dev.kizuna.segment.ltv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The CDNOW data of Fader, Hardie and Lee (2005) in test resources: the 1/10 sample's customer summaries (2,357
 * customers, 39-week calibration period) and the full purchase log (23,570 customers, January 1997 to June 1998).
 */
public final class Cdnow {
    /** End of the paper's calibration period. */
    public static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);

    private Cdnow() {
    }

    /** {@code ID,frequency,recency,T}. */
    public static List<CustomerSummary> sampleSummaries() {
        return rows("cdnow_customers_summary.csv", f ->
                CustomerSummary.of(Integer.parseInt(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])));
    }

    /** {@code ID,x,t_x,T,zbar}. */
    public static List<CustomerSummary> sampleSummariesWithSpend() {
        return rows("cdnow_customers_summary_with_transactions.csv", f -> CustomerSummary.of(Integer.parseInt(f[1]),
                Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])));
    }

    /** {@code customer_id date number_of_cds dollar_value}, whitespace separated. */
    public static List<Purchase> masterPurchases() {
        return rows("CDNOW_master.txt", f -> new Purchase(f[0],
                LocalDate.parse(f[1], DateTimeFormatter.BASIC_ISO_DATE), Double.parseDouble(f[3])));
    }

    private static <T> List<T> rows(String resource, Function<String[], T> row) {
        List<T> rows = new ArrayList<>();
        try (InputStream in = Cdnow.class.getResourceAsStream("/cdnow/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource /cdnow/" + resource + " is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            reader.readLine(); // header
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    rows.add(row.apply(line.strip().split("\\s*,\\s*|\\s+")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
