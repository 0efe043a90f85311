package dev.kizuna.admin.console.customers;

import dev.kizuna.core.KizunaRuntime;
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
import java.util.Arrays;
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
 * <p>Run: {@code java -cp … dev.kizuna.admin.console.customers.CustomerSearchBench [members] [queries]}.
 */
public final class CustomerSearchBench {
    private static final String[] FAMILY = {"山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤",
            "吉田", "山本", "佐々木", "松本", "井上", "木村", "林", "斎藤", "清水", "山口"};
    private static final String KANA = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわ";
    private static final HexFormat HEX = HexFormat.of();

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
            db.execute(tx -> tx.sql().update("DROP TABLE bench_clear_member"));
        }
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
                                                                  given_name text)""");
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            int chunk = 50_000;
            for (int from = 1; from <= members; from += chunk) {
                StringBuilder m = new StringBuilder();
                StringBuilder t = new StringBuilder();
                StringBuilder clear = new StringBuilder();
                for (int g = from; g < Math.min(members + 1, from + chunk); g++) {
                    String ref = "S-" + g;
                    String email = email(g);
                    String name = name(g);
                    m.append(g).append('\t').append(ref).append('\t')
                            .append(cipher.encrypt(email, SealedMembers.context("email", ref))).append('\t')
                            .append(cipher.encrypt(name, SealedMembers.context("display_name", ref))).append('\t')
                            .append("\\\\x").append(HEX.formatHex(index.email(email))).append('\t')
                            .append(keyId).append('\n');
                    for (String token : NameTokens.of(name)) {
                        t.append("\\\\x").append(HEX.formatHex(index.nameToken(token))).append('\t').append(g).append('\n');
                    }
                    clear.append(g).append('\t').append(email).append('\t').append(name).append('\t')
                            .append(given(g)).append('\n');
                }
                copy.copyIn("COPY member (id, customer_ref, email, display_name, email_index, index_key) FROM STDIN",
                        new StringReader(m.toString()));
                copy.copyIn("COPY member_name_token (token, member_id) FROM STDIN", new StringReader(t.toString()));
                copy.copyIn("COPY bench_clear_member FROM STDIN", new StringReader(clear.toString()));
            }
            try (var st = c.createStatement()) {
                st.execute("SELECT setval(pg_get_serial_sequence('member', 'id'), " + members + ")");
                st.execute("CREATE INDEX ON bench_clear_member (lower(email))");
                st.execute("CREATE INDEX ON bench_clear_member (lower(replace(display_name, ' ', '')) text_pattern_ops)");
                st.execute("CREATE INDEX ON bench_clear_member (lower(given_name) text_pattern_ops)");
            }
            c.commit();
            try (var st = c.createStatement()) {
                c.setAutoCommit(true);
                st.execute("ANALYZE member");
                st.execute("ANALYZE member_name_token");
                st.execute("ANALYZE bench_clear_member");
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
