package dev.kizuna.survey.results;

import dev.kizuna.core.csv.CsvExport;

import java.util.List;

/** The survey results as CSV for spreadsheet users, written by {@link CsvExport} (UTF-8 with BOM, formulas defused). */
final class CsvTable {
    private final CsvExport out = CsvExport.withBom();

    CsvTable row(List<?> cells) {
        out.row(cells);
        return this;
    }

    @Override
    public String toString() {
        return out.text();
    }
}
