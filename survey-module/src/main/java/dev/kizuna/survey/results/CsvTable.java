package dev.kizuna.survey.results;

import java.util.List;

/**
 * RFC 4180 CSV for spreadsheet users: a UTF-8 byte order mark first (Excel then reads Japanese correctly), CRLF line
 * ends, quoted where needed, and cells that a spreadsheet would run as a formula (starting with = + - @ or a tab)
 * prefixed with an apostrophe, since free-text answers come from anyone.
 */
final class CsvTable {
    private final StringBuilder out = new StringBuilder("\uFEFF");

    CsvTable row(List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
        return this;
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (!(value instanceof Number) && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            s = '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
