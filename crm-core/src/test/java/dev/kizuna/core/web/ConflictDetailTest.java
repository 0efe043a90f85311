package dev.kizuna.core.web;

import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.i18n.ProblemTexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A refusal's reason: Japanese from the module's {@code conflict.<code>} text, English as the refusal says it. */
class ConflictDetailTest {

    @Test
    void japanese_callers_read_the_reason_codes_text_and_english_callers_the_refusals_own_message(@TempDir Path dir)
            throws IOException {
        Path folder = Files.createDirectories(dir.resolve("kizuna/i18n"));
        Files.writeString(folder.resolve("problems_en.properties"), "conflict.INSUFFICIENT_POINTS=not enough points\n"
                + "conflict.LAST_ADMIN=The last admin stays.\n", StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("problems_ja.properties"), "conflict.INSUFFICIENT_POINTS=ポイントが足りません\n"
                + "conflict.LAST_ADMIN=最後の管理者は残ります。\n", StandardCharsets.UTF_8);
        try (URLClassLoader loader = new URLClassLoader(new URL[]{dir.toUri().toURL()}, null)) {
            ProblemTexts texts = ProblemTexts.load(loader);
            Conflict points = new Conflict("INSUFFICIENT_POINTS", "points: 30 available, 50 asked");
            assertThat(ApiServlet.conflictDetail(points, texts, ProblemTexts.JA)).isEqualTo("ポイントが足りません");
            assertThat(ApiServlet.conflictDetail(points, texts, ProblemTexts.EN)).isEqualTo("points: 30 available, 50 asked");
            Conflict keyOnly = new Conflict("LAST_ADMIN", "user.last-admin");
            assertThat(ApiServlet.conflictDetail(keyOnly, texts, ProblemTexts.EN)).isEqualTo("The last admin stays.");
            Conflict unknown = new Conflict("SOMETHING_ELSE", "as the module says");
            assertThat(ApiServlet.conflictDetail(unknown, texts, ProblemTexts.JA)).isEqualTo("as the module says");
        }
    }
}
