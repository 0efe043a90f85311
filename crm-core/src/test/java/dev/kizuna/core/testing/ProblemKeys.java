package dev.kizuna.core.testing;

import dev.kizuna.core.i18n.ProblemTexts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks a module's problem texts: Japanese and English have the same keys and placeholders, and every key a
 * {@code new InvalidInput(field, "key", …)} in the module's sources names exists in both.
 */
public final class ProblemKeys {
    private static final Pattern SITE = Pattern.compile("new (InvalidInput|InvalidEventException)\\(");
    private static final Pattern CONFLICT = Pattern.compile("new Conflict\\(\\s*\"([A-Z_]+)\"");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d)}");

    private ProblemKeys() {
    }

    /** Japanese and English define the same keys, with the same placeholders, and every text renders. */
    public static void assertBundlesMatch() {
        ProblemTexts texts = ProblemTexts.shared();
        assertThat(texts.keys(ProblemTexts.JA)).hasSameElementsAs(texts.keys(ProblemTexts.EN));
        for (String key : texts.keys(ProblemTexts.EN)) {
            assertThat(arguments(texts, ProblemTexts.JA, key)).as(key).isEqualTo(arguments(texts, ProblemTexts.EN, key));
            assertThat(texts.text(ProblemTexts.JA, key, 1, 2, 3)).as(key).isNotBlank();
            assertThat(texts.text(ProblemTexts.EN, key, 1, 2, 3)).as(key).isNotBlank();
        }
    }

    /** Every key named by a refusal in the Java sources under {@code root} (e.g. {@code src/main/java}) exists. */
    public static void assertEveryKeyUsedExists(Path root) {
        List<String> used = keysUsed(root);
        assertThat(used).as("problem keys used under " + root).isNotEmpty();
        ProblemTexts texts = ProblemTexts.shared();
        Set<String> missing = new TreeSet<>();
        for (String site : used) {
            String key = site.substring(site.lastIndexOf(' ') + 1);
            if (!texts.has(key)) {
                missing.add(site);
            }
        }
        assertThat(missing).as("keys without a Japanese and an English text").isEmpty();
    }

    /** Every reason code a {@code new Conflict("CODE", …)} under {@code root} names has a {@code conflict.CODE} text. */
    public static void assertEveryConflictCodeHasATextIn(Path root) {
        assertCodesHaveTexts(conflictCodes(root));
    }

    /** Each of {@code codes} (a module's reason-code constants, say) has a {@code conflict.CODE} text. */
    public static void assertCodesHaveTexts(java.util.Collection<String> codes) {
        ProblemTexts texts = ProblemTexts.shared();
        assertThat(codes.stream().filter(c -> !texts.has("conflict." + c)).toList())
                .as("reason codes without a Japanese and an English text").isEmpty();
    }

    static Set<String> conflictCodes(Path root) {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = CONFLICT.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    codes.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return codes;
    }

    /** "File.java:12 key" for every string literal in the second argument of a refusal. */
    static List<String> keysUsed(Path root) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = Files.readString(file, StandardCharsets.UTF_8);
                Matcher site = SITE.matcher(src);
                while (site.find()) {
                    String key = secondArgument(src, site.end());
                    if (key == null) {
                        continue;
                    }
                    int line = (int) src.substring(0, site.start()).chars().filter(c -> c == '\n').count() + 1;
                    Matcher literal = LITERAL.matcher(key);
                    while (literal.find()) {
                        found.add(file.getFileName() + ":" + line + " " + literal.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** The source text of the second top-level argument of the call whose arguments start at {@code from}. */
    private static String secondArgument(String src, int from) {
        int depth = 0;
        int argument = 0;
        int start = -1;
        for (int i = from; i < src.length(); i++) {
            char c = src.charAt(i);
            if (c == '"') {
                i = endOfString(src, i);
                continue;
            }
            if (c == '\'') {
                i = src.indexOf('\'', i + (src.charAt(i + 1) == '\\' ? 3 : 2));
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    return argument == 1 ? src.substring(start, i) : null;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                argument++;
                if (argument == 1) {
                    start = i + 1;
                } else if (argument == 2) {
                    return src.substring(start, i);
                }
            }
        }
        return null;
    }

    private static int endOfString(String src, int quote) {
        for (int i = quote + 1; i < src.length(); i++) {
            if (src.charAt(i) == '\\') {
                i++;
            } else if (src.charAt(i) == '"') {
                return i;
            }
        }
        return src.length();
    }

    private static long arguments(ProblemTexts texts, java.util.Locale locale, String key) {
        Matcher matcher = ARGUMENT.matcher(texts.text(locale, key, "{0}", "{1}", "{2}", "{3}"));
        long bits = 0;
        while (matcher.find()) {
            bits |= 1L << Integer.parseInt(matcher.group(1));
        }
        return bits;
    }
}
