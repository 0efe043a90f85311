package dev.kizuna.core.csv;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class CsvExportTest {

    @Test
    void a_cell_starting_like_a_formula_gets_a_single_quote() {
        for (String s : new String[]{"=1+1", "+81 3", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"x\")"}) {
            assertThat(CsvExport.defuse(s)).as(s).isEqualTo("'" + s);
        }
        for (String s : new String[]{"", "plain", "山田", "1+1", "a=b", "'already"}) {
            assertThat(CsvExport.defuse(s)).as(s).isEqualTo(s);
        }
    }

    @Test
    void negative_numbers_stay_numbers() {
        assertThat(CsvExport.defuse("-120")).isEqualTo("-120");
        assertThat(CsvExport.defuse("-0.5")).isEqualTo("-0.5");
        assertThat(CsvExport.defuse("-120-1")).isEqualTo("'-120-1");
        assertThat(CsvExport.defuse("-1e9")).isEqualTo("'-1e9");
        assertThat(CsvExport.withoutBom().row(-120L, "-120", "-x").text()).isEqualTo("-120,-120,'-x\r\n");
    }

    @Property
    void any_whole_number_is_written_as_itself(@ForAll @LongRange(min = Long.MIN_VALUE + 1) long n) {
        assertThat(CsvExport.withoutBom().row(n).text()).isEqualTo(n + "\r\n");
        assertThat(CsvExport.withoutBom().row(Long.toString(n)).text()).isEqualTo(n + "\r\n");
    }

    @Property
    void no_text_cell_ever_starts_with_a_formula_character(@ForAll String s) {
        String d = CsvExport.defuse(s);
        boolean number = s.matches("-?[0-9]+([.][0-9]+)?");
        assertThat(!d.isEmpty() && "=+-@\t\r".indexOf(d.charAt(0)) >= 0).isEqualTo(number);
        assertThat(d.endsWith(s)).isTrue();
    }

    @Test
    void rfc_4180_quoting_and_crlf() {
        String csv = CsvExport.withoutBom().row("id", "name").row(1, "a, \"b\"\nc").row(2, null).text();
        assertThat(csv).isEqualTo("id,name\r\n1,\"a, \"\"b\"\"\nc\"\r\n2,\r\n");
    }

    @Test
    void utf_8_with_a_byte_order_mark_by_default_and_without_on_request() {
        byte[] with = CsvExport.withBom().row("名前").text().getBytes(StandardCharsets.UTF_8);
        assertThat(Arrays.copyOf(with, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(with, 3, with.length - 3, StandardCharsets.UTF_8)).isEqualTo("名前\r\n");
        assertThat(CsvExport.withoutBom().row("名前").text()).isEqualTo("名前\r\n");
    }
}
