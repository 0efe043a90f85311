package dev.kizuna.admin.console.customers;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.console.CustomerFacet;
import dev.kizuna.core.console.Formats;
import dev.kizuna.core.console.Messages;
import dev.kizuna.core.crypto.BlindIndex;
import dev.kizuna.core.crypto.FieldCipher;
import dev.kizuna.core.crypto.NameTokens;
import dev.kizuna.core.mirror.SealedMembers;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.testing.TestKizuna;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Currency;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Customer search over sealed members: {@code n} members (default 1,000,000) with encrypted names and e-mails, their
 * e-mail blind index and name tokens, loaded with COPY; beside them, in the same database and the same run, the
 * same people in a clear table indexed as the console used to search it ({@code lower(email)} and
 * {@code lower(display_name) text_pattern_ops}), queried by hand-written SQL as the baseline. Prints median and p95
 * of an exact e-mail lookup and of a name-prefix page (the console's whole search: tokens, decryption, hits) for
 * each, interleaved query by query.
 *
 * <p>Then the customers list ({@link CustomerList}, the console's whole page query: keyset page, member rows opened,
 * column texts) over the same members, who carry a registration date, a spend and a last order, and a segment in
 * {@code bench_segment} shaped as {@code rfm_score} (one of five, indexed by segment and member) whose filter is the
 * RFM facet's condition: the first page sorted by spend with a segment filter, a later page of it (after a random
 * member's spend), and the first page of a name search sorted by spend; beside each, hand-written SQL for the same
 * rows on the clear table (indexed {@code (segment, spend DESC, id DESC)}, the best a single table gets).
 *
 * <p>Run: {@code java -cp … dev.kizuna.admin.console.customers.CustomerSearchBench [members] [queries]}.
 */
public final class CustomerSearchBench {
    private static final String[] FAMILY = {"山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤",
            "吉田", "山本", "佐々木", "松本", "井上", "木村", "林", "斎藤", "清水", "山口"};
    private static final String KANA = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわ";
    private static final HexFormat HEX = HexFormat.of();
    private static final Instant REGISTERED = Instant.parse("2025-01-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        try (KizunaRuntime kizuna = TestKizuna.install()) {
            Database db = kizuna.context().database();
            long t0 = System.nanoTime();
            load(kizuna, members);
            System.out.printf(Locale.ROOT, "loaded %,d sealed members (%,d name tokens) and their clear copy in %.1f s%n",
                    members, db.inTransaction(tx -> tx.sql().number("SELECT count(*) FROM member_name_token")),
                    (System.nanoTime() - t0) / 1e9);

            SealedMembers sealed = kizuna.context().members();
            CustomerDirectory directory = new CustomerDirectory(db, sealed);
            Random random = new Random(7);
            Supplier<Integer> anyone = () -> 1 + random.nextInt(members);
            for (int i = 0; i < 50; i++) {
                int g = anyone.get();
                db.inTransaction(tx -> sealed.byEmail(tx, email(g)));
                clearEmail(db, email(g));
                directory.search(prefix(g), 1);
                clearPrefix(db, prefix(g));
            }
            long[] sealedEmail = new long[queries];
            long[] clearEmail = new long[queries];
            long[] sealedName = new long[queries];
            long[] clearName = new long[queries];
            long hits = 0;
            for (int i = 0; i < queries; i++) {
                int g = anyone.get();
                long s = System.nanoTime();
                List<Long> found = db.inTransaction(tx -> sealed.byEmail(tx, email(g)));
                sealedEmail[i] = System.nanoTime() - s;
                if (found.size() != 1) {
                    throw new IllegalStateException("e-mail of member " + g + " found " + found.size() + " times");
                }
                s = System.nanoTime();
                clearEmail(db, email(g));
                clearEmail[i] = System.nanoTime() - s;
                String q = prefix(g);
                s = System.nanoTime();
                hits += directory.search(q, 1).hits().size();
                sealedName[i] = System.nanoTime() - s;
                s = System.nanoTime();
                clearPrefix(db, q);
                clearName[i] = System.nanoTime() - s;
            }
            System.out.printf(Locale.ROOT, "%d queries of each over %,d members (name pages averaged %.1f hits)%n",
                    queries, members, hits / (double) queries);
            print("baseline: clear lower(email) = ? (JDBC)", clearEmail);
            print("sealed: email_index = HMAC(e-mail)", sealedEmail);
            print("baseline: clear lower(name) LIKE 'prefix%' page", clearName);
            print("sealed: name tokens + decrypt, console page", sealedName);
            listBench(kizuna, members, queries);
            db.execute(tx -> tx.sql().update("DROP TABLE bench_clear_member, bench_segment"));
        }
    }

    /** The segment facet's condition, as {@code SegmentFacets.Rfm} writes it over {@code rfm_score}. */
    private static CustomerFacet.Condition inSegment(String segment) {
        return CustomerFacet.Condition.of("EXISTS (SELECT 1 FROM bench_segment s WHERE s.member_id = m.id"
                + " AND s.segment_key = ?)", segment);
    }

    private static final String[] SEGMENTS = {"champions", "loyal", "promising", "at-risk", "lost"};

    private static void listBench(KizunaRuntime kizuna, int members, int queries) {
        Database db = kizuna.context().database();
        CustomerList list = new CustomerList(db, kizuna.context().members(), kizuna.context().blindIndex());
        CustomerFacet spend = MemberFacets.all().stream().filter(f -> f.key().equals("spend")).findFirst().orElseThrow();
        List<CustomerFacet> columns = MemberFacets.all();
        CustomerFacet.Sorting bySpend = spend.sorting().orElseThrow();
        Messages messages = Messages.of(Messages.JA);
        Formats formats = new Formats(Messages.JA, ZoneId.of("Asia/Tokyo"), Currency.getInstance("JPY"));
        Random random = new Random(11);
        long[] sealedFirst = new long[queries];
        long[] clearFirst = new long[queries];
        long[] sealedLater = new long[queries];
        long[] clearLater = new long[queries];
        long[] sealedSearch = new long[queries];
        long[] clearSearch = new long[queries];
        long rows = 0;
        for (int i = -50; i < queries; i++) {
            String segment = SEGMENTS[random.nextInt(SEGMENTS.length)];
            int g = 1 + random.nextInt(members);
            long s = System.nanoTime();
            CustomerList.Page first = list.page(new CustomerList.Query("", bySpend, List.of(inSegment(segment)), null),
                    columns, messages, formats);
            long t1 = System.nanoTime() - s;
            s = System.nanoTime();
            clearSegmentPage(db, segment, null, null);
            long t2 = System.nanoTime() - s;
            CustomerList.Cursor after = new CustomerList.Cursor(Long.toString(spend(g)), g);
            s = System.nanoTime();
            CustomerList.Page later = list.page(new CustomerList.Query("", bySpend, List.of(inSegment(segment)), after),
                    columns, messages, formats);
            long t3 = System.nanoTime() - s;
            s = System.nanoTime();
            clearSegmentPage(db, segment, spend(g), (long) g);
            long t4 = System.nanoTime() - s;
            String typed = prefix(g);
            s = System.nanoTime();
            CustomerList.Page found = list.page(new CustomerList.Query(typed, bySpend, List.of(), null), columns,
                    messages, formats);
            long t5 = System.nanoTime() - s;
            s = System.nanoTime();
            clearNameBySpend(db, typed);
            long t6 = System.nanoTime() - s;
            if (first.rows().size() != CustomerList.PAGE_SIZE) {
                throw new IllegalStateException("segment " + segment + " listed " + first.rows().size());
            }
            if (i >= 0) {
                sealedFirst[i] = t1;
                clearFirst[i] = t2;
                sealedLater[i] = t3;
                clearLater[i] = t4;
                sealedSearch[i] = t5;
                clearSearch[i] = t6;
                rows += later.rows().size() + found.rows().size();
            }
        }
        System.out.printf(Locale.ROOT, "customers list, %d pages of each over %,d members (later and search pages averaged %.1f rows)%n",
                queries, members, rows / (2.0 * queries));
        print("baseline: clear segment + spend page (JDBC)", clearFirst);
        print("list: segment filter, by spend, first page", sealedFirst);
        print("baseline: clear segment + spend, later page", clearLater);
        print("list: segment filter, by spend, later page", sealedLater);
        print("baseline: clear name LIKE, by spend (JDBC)", clearSearch);
        print("list: part of a name, by spend, first page", sealedSearch);
    }

    private static void clearSegmentPage(Database db, String segment, Long spend, Long id) {
        db.inTransaction(tx -> spend == null
                ? tx.sql().list("""
                        SELECT id, email, display_name, spend FROM bench_clear_member WHERE segment = ?
                        ORDER BY spend DESC, id DESC LIMIT 21""", rs -> rs.getLong(1), segment)
                : tx.sql().list("""
                        SELECT id, email, display_name, spend FROM bench_clear_member WHERE segment = ? AND (spend, id) < (?, ?)
                        ORDER BY spend DESC, id DESC LIMIT 21""", rs -> rs.getLong(1), segment, spend, id));
    }

    private static void clearNameBySpend(Database db, String typed) {
        String p = typed.toLowerCase(Locale.ROOT).replace(" ", "");
        db.inTransaction(tx -> tx.sql().list("""
                SELECT id, email, display_name, spend FROM bench_clear_member
                WHERE lower(replace(display_name, ' ', '')) LIKE ? OR lower(given_name) LIKE ?
                ORDER BY spend DESC, id DESC LIMIT 21""", rs -> rs.getLong(1), p + "%", p + "%"));
    }

    /** A spend in yen, spread like a shop's: most small, a few large. */
    private static long spend(int g) {
        Random r = new Random(g * 31L);
        return (long) (1_000 * Math.exp(r.nextGaussian() * 1.2 + 1.5));
    }

    private static String email(int g) {
        return "member" + g + "@example.jp";
    }

    /** What a clerk types: a family name and the first kana of the given name, or the given name's first two kana. */
    private static String prefix(int g) {
        String given = given(g);
        return g % 2 == 0 ? FAMILY[g % FAMILY.length] + " " + given.substring(0, 1) : given.substring(0, 2);
    }

    private static String given(int g) {
        Random r = new Random(g);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            b.append(KANA.charAt(r.nextInt(KANA.length())));
        }
        return b.toString();
    }

    private static String name(int g) {
        return FAMILY[g % FAMILY.length] + " " + given(g);
    }

    private static void clearEmail(Database db, String email) {
        db.inTransaction(tx -> tx.sql().list("SELECT id, email, display_name FROM bench_clear_member WHERE lower(email) = ?",
                rs -> rs.getLong(1), email.toLowerCase(Locale.ROOT)));
    }

    private static void clearPrefix(Database db, String typed) {
        String p = typed.toLowerCase(Locale.ROOT).replace(" ", "");
        // the best hand-written form: one index range per way a name can start, merged, first page by id
        db.inTransaction(tx -> tx.sql().list("""
                SELECT id, email, display_name FROM (
                  SELECT id, email, display_name FROM bench_clear_member WHERE lower(replace(display_name, ' ', '')) LIKE ?
                  UNION
                  SELECT id, email, display_name FROM bench_clear_member WHERE lower(given_name) LIKE ?) s
                ORDER BY id LIMIT 21""", rs -> rs.getLong(1), p + "%", p + "%"));
    }

    private static void load(KizunaRuntime kizuna, int members) throws SQLException, IOException {
        FieldCipher cipher = kizuna.context().cipher();
        BlindIndex index = kizuna.context().blindIndex();
        String keyId = index.keyId();
        try (Connection c = kizuna.context().database().dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (var st = c.createStatement()) {
                st.execute("""
                        CREATE UNLOGGED TABLE bench_clear_member (id bigint PRIMARY KEY, email text, display_name text,
                                                                  given_name text, segment text, spend bigint)""");
                st.execute("""
                        CREATE UNLOGGED TABLE bench_segment (member_id bigint PRIMARY KEY, segment_key text NOT NULL)""");
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            int chunk = 50_000;
            for (int from = 1; from <= members; from += chunk) {
                StringBuilder m = new StringBuilder();
                StringBuilder t = new StringBuilder();
                StringBuilder clear = new StringBuilder();
                StringBuilder seg = new StringBuilder();
                for (int g = from; g < Math.min(members + 1, from + chunk); g++) {
                    String ref = "S-" + g;
                    String email = email(g);
                    String name = name(g);
                    m.append(g).append('\t').append(ref).append('\t')
                            .append(cipher.encrypt(email, SealedMembers.context("email", ref))).append('\t')
                            .append(cipher.encrypt(name, SealedMembers.context("display_name", ref))).append('\t')
                            .append("\\\\x").append(HEX.formatHex(index.email(email))).append('\t')
                            .append(keyId).append('\t')
                            .append(REGISTERED.plusSeconds(g * 30L)).append('\t').append(spend(g)).append('\t')
                            .append(REGISTERED.plusSeconds(g * 30L + 86_400L * (g % 300))).append('\n');
                    String segment = SEGMENTS[g % SEGMENTS.length];
                    seg.append(g).append('\t').append(segment).append('\n');
                    for (String token : NameTokens.of(name)) {
                        t.append("\\\\x").append(HEX.formatHex(index.nameToken(token))).append('\t').append(g).append('\n');
                    }
                    clear.append(g).append('\t').append(email).append('\t').append(name).append('\t')
                            .append(given(g)).append('\t').append(segment).append('\t').append(spend(g)).append('\n');
                }
                copy.copyIn("COPY member (id, customer_ref, email, display_name, email_index, index_key, registered_at,"
                                + " spend, last_order_at) FROM STDIN",
                        new StringReader(m.toString()));
                copy.copyIn("COPY member_name_token (token, member_id) FROM STDIN", new StringReader(t.toString()));
                copy.copyIn("COPY bench_clear_member FROM STDIN", new StringReader(clear.toString()));
                copy.copyIn("COPY bench_segment FROM STDIN", new StringReader(seg.toString()));
            }
            try (var st = c.createStatement()) {
                st.execute("SELECT setval(pg_get_serial_sequence('member', 'id'), " + members + ")");
                st.execute("CREATE INDEX ON bench_clear_member (lower(email))");
                st.execute("CREATE INDEX ON bench_clear_member (lower(replace(display_name, ' ', '')) text_pattern_ops)");
                st.execute("CREATE INDEX ON bench_clear_member (lower(given_name) text_pattern_ops)");
                st.execute("CREATE INDEX ON bench_clear_member (segment, spend DESC, id DESC)");
                st.execute("CREATE INDEX ON bench_clear_member (spend DESC, id DESC)");
                st.execute("CREATE INDEX ON bench_segment (segment_key, member_id)");
            }
            c.commit();
            try (var st = c.createStatement()) {
                c.setAutoCommit(true);
                st.execute("ANALYZE member");
                st.execute("ANALYZE member_name_token");
                st.execute("ANALYZE bench_clear_member");
                st.execute("ANALYZE bench_segment");
            }
        }
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-48s median %7.3f ms  p95 %7.3f ms%n", what,
                sorted[sorted.length / 2] / 1e6, sorted[(int) Math.ceil(0.95 * sorted.length) - 1] / 1e6);
    }
}
