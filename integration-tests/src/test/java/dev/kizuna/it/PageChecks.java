package dev.kizuna.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a page a person reads must never show, checked on the HTML a page answered with: a server error, FreeMarker's
 * or Jetty's error text, a message key of any bundle on the class path shown raw, a constant of a Kizuna enum shown
 * raw, an English word of the stop list on a Japanese page (outside proper nouns, SKUs, codes and addresses), an
 * ISO or UTC-looking date, and any of the days the walk knows no page may show in the shop's zone (the UTC day of
 * something that happened just after midnight in Tokyo).
 *
 * <p>The keys are read from every {@code .properties} file under {@code kizuna/} and {@code shop/} of every jar and
 * class folder; the enum constants from every compiled class of a {@code dev.kizuna} package of the main code. The
 * stop list and the allowed words are {@code walk/english-stop-list.txt} and {@code walk/allowed.txt}.
 */
final class PageChecks {
    private static final Pattern SCRIPT = Pattern.compile("(?is)<(script|style)\\b.*?</\\1\\s*>");
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");
    /** Form values are what was typed (an English name in the English field), not what the page says. */
    private static final Pattern TEXTAREA = Pattern.compile("(?is)<textarea\\b[^>]*>.*?</textarea\\s*>");
    /**
     * Identifiers shown as such beside what they name (a job's name, its cron schedule, a coupon code, an audit
     * action's code next to its label) and verbatim stored records (an audit entry's JSON): not text to translate.
     */
    private static final Pattern CODE_ELEMENT = Pattern.compile("(?is)<code\\b[^>]*>[^<]*</code\\s*>|<pre class=\"json\">[^<]*</pre\\s*>");
    private static final Pattern READ_ATTRIBUTE = Pattern.compile(
            "(?i)\\s(placeholder|title|alt|aria-label)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern BUTTON_VALUE = Pattern.compile(
            "(?i)<input\\b(?=[^>]*\\btype\\s*=\\s*\"(?:submit|button)\")[^>]*\\bvalue\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    /** An element that says it is English (the other language's name beside the page's, the language switch). */
    private static final Pattern MARKED_ENGLISH = Pattern.compile("(?is)<([a-z0-9]+)\\b[^>]*\\slang=\"en\"[^>]*>[^<]*</\\1\\s*>");
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);");
    private static final Pattern KEY = Pattern.compile("(?<![\\w@./-])[a-z][a-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)+(?![\\w@/-]|\\.\\w)");
    private static final Pattern CONSTANT = Pattern.compile("(?<![\\w-])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*(?![\\w-])");
    private static final Pattern WORD = Pattern.compile("[A-Za-z]+(?:'[a-z]+)?");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    /** A webhook signing secret shown once: Standard Webhooks' whsec_ and base64, whose letters may stand alone. */
    private static final Pattern WEBHOOK_SECRET = Pattern.compile("whsec_[A-Za-z0-9+/=]+");
    private static final Pattern URL_TEXT = Pattern.compile("(?i)\\b(?:https?://|/crm/|/shop/)\\S*");
    /**
     * SKUs and codes: TEA-001, WELCOME10, a coupon code's 18 letters in groups of four (47QS-7G5A-…, which may start
     * with a digit and hold a letter alone) or typed without dashes (34D36W6CXAGS9BY2TU: letters and digits in one
     * word, whatever its first), and the identifiers a merchant chose and the
     * console shows beside their names (the job points-expiry, the survey post-purchase, the segment rfm:at-risk,
     * the question household_size).
     */
    private static final Pattern CODE = Pattern.compile("\\b[A-Z0-9]+(?:-[A-Z0-9]+)+\\b|\\b(?=[A-Z0-9]*\\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{4,}\\b"
            + "|(?<![\\w-])[a-z0-9]+(?:[-_:][a-z0-9]+)+(?![\\w-])");
    private static final Pattern ISO_DATE = Pattern.compile(
            "\\b\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?\\b|\\b\\d{2}:\\d{2}(?::\\d{2})?Z\\b|\\bUTC\\b|\\bGMT\\b");
    private static final List<String> ERROR_TEXTS = List.of("FreeMarker", "freemarker.", "FTL stack trace",
            "Template inspection", "InvalidReferenceException", "HTTP ERROR", "Exception:", "at dev.kizuna.",
            "java.lang.", "Whitelabel");

    private final Set<String> keys;
    private final Set<String> keyNamespaces;
    private final Set<String> constants;
    private final Set<String> stopWords;
    private final List<String> allowed;
    private final Set<String> forbiddenDays = new LinkedHashSet<>();

    PageChecks(Set<String> keys, Set<String> constants, Set<String> stopWords, Collection<String> allowed) {
        this.keys = Set.copyOf(keys);
        Set<String> namespaces = new HashSet<>();
        for (String k : keys) {
            namespaces.add(k.substring(0, k.indexOf('.') < 0 ? k.length() : k.indexOf('.')));
        }
        this.keyNamespaces = namespaces;
        Set<String> c = new HashSet<>(constants);
        Set<String> stop = new HashSet<>();
        for (String w : stopWords) {
            stop.add(w.toLowerCase(Locale.ROOT));
        }
        this.stopWords = stop;
        // the longest first, so "Emma Wilson" goes before "Emma"
        List<String> a = new ArrayList<>(allowed);
        a.sort((x, y) -> y.length() - x.length());
        this.allowed = a;
        for (String word : allowed) {
            c.remove(word);
        }
        this.constants = c;
    }

    /** The checks with every bundle key and enum constant on this class path and the walk's word lists. */
    static PageChecks load() {
        return new PageChecks(bundleKeys(), enumConstants(), lines("walk/english-stop-list.txt"), lines("walk/allowed.txt"));
    }

    PageChecks allow(Collection<String> words) {
        List<String> all = new ArrayList<>(allowed);
        all.addAll(words);
        PageChecks c = new PageChecks(keys, constants, stopWords, all);
        c.forbiddenDays.addAll(forbiddenDays);
        return c;
    }

    /** A day written as the console and the shop write it that no page may show (see the class comment). */
    void forbidDay(String... writtenForms) {
        forbiddenDays.addAll(List.of(writtenForms));
    }

    int keyCount() {
        return keys.size();
    }

    int constantCount() {
        return constants.size();
    }

    /** What is wrong with a page answered with {@code status} and {@code html}, read in {@code lang}. */
    List<String> faults(String lang, int status, String html) {
        List<String> faults = new ArrayList<>();
        if (status >= 500) {
            faults.add("status " + status);
        }
        for (String e : ERROR_TEXTS) {
            if (html.contains(e)) {
                faults.add("error text \"" + e + "\": " + around(html, html.indexOf(e)));
            }
        }
        String text = visibleText(html);
        for (String key : matches(KEY, text)) {
            String namespace = key.substring(0, key.indexOf('.'));
            if (keys.contains(key) || keyNamespaces.contains(namespace) && !isAllowed(key)) {
                faults.add("raw message key " + key);
            }
        }
        String unnamed = withoutAllowed(text);
        for (String word : matches(CONSTANT, unnamed)) {
            if (word.length() > 1 && constants.contains(word)) {
                faults.add("raw enum constant " + word + ": " + around(unnamed, unnamed.indexOf(word)));
            }
        }
        for (String date : matches(ISO_DATE, text)) {
            faults.add("ISO/UTC date " + date);
        }
        for (String day : forbiddenDays) {
            if (text.contains(day)) {
                faults.add("a day not in the shop's zone: " + day + ": " + around(text, text.indexOf(day)));
            }
        }
        if ("ja".equals(lang)) {
            String ja = withoutAllowed(visibleText(MARKED_ENGLISH.matcher(html).replaceAll(" ")));
            String plain = CODE.matcher(URL_TEXT.matcher(EMAIL.matcher(ja).replaceAll(" ")).replaceAll(" ")).replaceAll(" ");
            Set<String> english = new TreeSet<>();
            Matcher m = WORD.matcher(plain);
            while (m.find()) {
                if (stopWords.contains(m.group().toLowerCase(Locale.ROOT))) {
                    english.add(m.group() + " in \"" + around(plain, m.start()) + "\"");
                }
            }
            for (String e : english) {
                faults.add("English in a Japanese page: " + e);
            }
        }
        return faults;
    }

    private boolean isAllowed(String word) {
        return allowed.contains(word);
    }

    /** The text without the allowed words, each taken out only where it stands as a whole word. */
    private String withoutAllowed(String text) {
        String t = text;
        for (String a : allowed) {
            t = Pattern.compile("(?<![\\w-])" + Pattern.quote(a) + "(?![\\w-])").matcher(t).replaceAll(" ");
        }
        return t;
    }

    private static Set<String> matches(Pattern p, String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static String around(String s, int at) {
        int from = Math.max(0, at - 40);
        int to = Math.min(s.length(), at + 60);
        return s.substring(from, to).replaceAll("\\s+", " ").strip();
    }

    /** What a person reads on the page: its text, and the attributes a browser shows (placeholders, titles …). */
    static String visibleText(String html) {
        String h = COMMENT.matcher(SCRIPT.matcher(html).replaceAll(" ")).replaceAll(" ");
        h = CODE_ELEMENT.matcher(TEXTAREA.matcher(h).replaceAll(" ")).replaceAll(" ");
        StringBuilder extra = new StringBuilder();
        Matcher a = READ_ATTRIBUTE.matcher(h);
        while (a.find()) {
            extra.append(' ').append(a.group(2)).append(" \n");
        }
        Matcher b = BUTTON_VALUE.matcher(h);
        while (b.find()) {
            extra.append(' ').append(b.group(1)).append(" \n");
        }
        String text = TAG.matcher(h).replaceAll(" \n ") + "\n" + extra;
        return WEBHOOK_SECRET.matcher(decode(text)).replaceAll(" ");
    }

    private static String decode(String s) {
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String r;
            if (e.startsWith("#x")) {
                r = new String(Character.toChars(Integer.parseInt(e.substring(2), 16)));
            } else if (e.startsWith("#")) {
                r = new String(Character.toChars(Integer.parseInt(e.substring(1))));
            } else {
                r = switch (e) {
                    case "amp" -> "&";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    case "nbsp" -> " ";
                    default -> m.group();
                };
            }
            m.appendReplacement(out, Matcher.quoteReplacement(r));
        }
        m.appendTail(out);
        return out.toString();
    }

    static Set<String> lines(String resource) {
        Set<String> out = new LinkedHashSet<>();
        try (InputStream in = PageChecks.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    out.add(l);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Every key of every {@code .properties} file under {@code kizuna/} and {@code shop/} on the class path. */
    static Set<String> bundleKeys() {
        Set<String> keys = new TreeSet<>();
        for (String root : List.of("kizuna", "shop")) {
            for (Entry e : entries(root)) {
                if (e.name().endsWith(".properties")) {
                    Properties p = new Properties();
                    try (InputStream in = e.open(); InputStreamReader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                        p.load(r);
                    } catch (IOException x) {
                        throw new UncheckedIOException(x);
                    }
                    keys.addAll(p.stringPropertyNames());
                }
            }
        }
        // kizuna.* are configuration keys an admin types, not texts a page could show raw by mistake
        keys.removeIf(k -> k.startsWith("kizuna.") || !k.contains("."));
        return keys;
    }

    /** The constants of every enum compiled from a {@code dev.kizuna} package of the main code. */
    static Set<String> enumConstants() {
        Set<String> constants = new TreeSet<>();
        ClassLoader loader = PageChecks.class.getClassLoader();
        for (Entry e : entries("dev/kizuna")) {
            String n = e.name();
            if (!n.endsWith(".class") || e.fromTests()) {
                continue;
            }
            String className = n.substring(0, n.length() - ".class".length()).replace('/', '.');
            try {
                Class<?> c = Class.forName(className, false, loader);
                if (c.isEnum()) {
                    for (Object constant : c.getEnumConstants()) {
                        constants.add(((Enum<?>) constant).name());
                    }
                }
            } catch (ClassNotFoundException | LinkageError ignored) {
                // a class of a module this test's class path leaves out
            }
        }
        return constants;
    }

    private record Entry(String name, URL url, boolean fromTests) {
        InputStream open() throws IOException {
            return url.openStream();
        }
    }

    /** The files below {@code root} in every class folder and jar that has it. */
    private static List<Entry> entries(String root) {
        List<Entry> out = new ArrayList<>();
        try {
            Enumeration<URL> roots = PageChecks.class.getClassLoader().getResources(root);
            for (URL u : Collections.list(roots)) {
                String where = u.toString();
                boolean tests = where.contains("/test-classes/") || where.contains("-tests.jar");
                if ("file".equals(u.getProtocol())) {
                    Path base = Path.of(u.toURI()).getParent();
                    for (int i = 1; i < root.split("/").length; i++) {
                        base = base.getParent();
                    }
                    Path top = base;
                    try (Stream<Path> files = Files.walk(Path.of(u.toURI()))) {
                        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                            out.add(new Entry(top.relativize(f).toString().replace('\\', '/'), f.toUri().toURL(), tests));
                        }
                    }
                } else if ("jar".equals(u.getProtocol())) {
                    JarURLConnection c = (JarURLConnection) u.openConnection();
                    c.setUseCaches(false);
                    try (JarFile jar = c.getJarFile()) {
                        String jarUrl = where.substring(0, where.indexOf("!/") + 2);
                        for (JarEntry je : Collections.list(jar.entries())) {
                            if (!je.isDirectory() && je.getName().startsWith(root + "/")) {
                                out.add(new Entry(je.getName(), java.net.URI.create(jarUrl + je.getName()).toURL(), tests));
                            }
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list " + root, e);
        }
        return out;
    }
}
