package dev.kizuna.loyalty.rank;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.json.Json;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import dev.kizuna.core.web.AdminSession;
import dev.kizuna.core.web.Role;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.kizuna.loyalty.rank.RankTestData.tokyo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The rank API through the real {@code /crm/api} servlet (access checks, JSON, problem bodies) on a real database;
 * only the servlet container's request and response objects are stand-ins.
 */
class RankApiTest {
    static KizunaRuntime kizuna;
    static RankTestData data;

    @BeforeAll
    static void install() {
        kizuna = TestKizuna.install();
        data = new RankTestData(kizuna);
    }

    @AfterAll
    static void close() {
        kizuna.close();
    }

    record Reply(int status, JsonNode body) {
    }

    /** Who calls: the dev admin token, a console user of a role (session + CSRF token), a shopper, or nobody. */
    sealed interface As permits Token, Console, Shopper, Nobody {
    }

    record Token() implements As {
    }

    record Console(Role role) implements As {
    }

    record Shopper(String customerRef) implements As {
    }

    record Nobody() implements As {
    }

    static Reply call(As as, String method, String path, String body) throws Exception {
        HttpServletRequest req = mock(HttpServletRequest.class);
        when(req.getMethod()).thenReturn(method);
        when(req.getPathInfo()).thenReturn(path);
        when(req.getHeader("Accept-Language")).thenReturn("en");
        if (as instanceof Token) {
            when(req.getHeader("Authorization")).thenReturn("Bearer " + TestKizuna.ADMIN_TOKEN);
        } else if (as instanceof Console c) {
            HttpSession session = mock(HttpSession.class);
            when(session.getAttribute(AdminSession.ATTRIBUTE)).thenReturn(new AdminSession("kanako", c.role(), "csrf-1"));
            when(req.getSession(false)).thenReturn(session);
            when(req.getHeader(AdminSession.CSRF_HEADER)).thenReturn("csrf-1");
        } else if (as instanceof Shopper s) {
            when(req.getHeader(FakeHost.SHOPPER_HEADER)).thenReturn(s.customerRef());
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        when(req.getContentType()).thenReturn("application/json");
        when(req.getContentLengthLong()).thenReturn((long) bytes.length);
        when(req.getInputStream()).thenReturn(new ServletInputStream() {
            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener l) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read() {
                return in.read();
            }
        });
        HttpServletResponse resp = mock(HttpServletResponse.class);
        AtomicInteger status = new AtomicInteger(200);
        doAnswer(i -> {
            status.set(i.getArgument(0));
            return null;
        }).when(resp).setStatus(anyInt());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        when(resp.getOutputStream()).thenReturn(new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener l) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(int b) {
                out.write(b);
            }
        });
        doAnswer(i -> null).when(resp).setHeader(anyString(), anyString());
        kizuna.apiServlet().service(req, resp);
        String text = out.toString(StandardCharsets.UTF_8);
        return new Reply(status.get(), text.isEmpty() ? null : Json.MAPPER.readTree(text));
    }

    static final String BRONZE = """
            {"code":"BRONZE","level":1,"name":{"ja":"ブロンズ","en":"Bronze"},
             "thresholds":{"points":100,"orders":1},
             "benefits":{"pointMultiplierPercent":110,"freeShippingThreshold":10000,"birthdayBonusPoints":50,
                         "perks":{"ja":["ポイント1.1倍"],"en":["1.1× points"]}}}""";

    long audits(String action) {
        return data.number("SELECT count(*) FROM audit_log WHERE action = ?", action);
    }

    @Test
    void the_console_reads_a_customers_rank_and_the_shopper_their_own() throws Exception {
        long m = data.member("C-api");
        data.earnOrders(m, 7, 100, tokyo(2026, 5, 5, 12, 0, 0));
        data.recalculate(tokyo(2026, 6, 1, 3, 0, 0));

        Reply admin = call(new Token(), "GET", "/customers/C-api/rank", null);
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.body().at("/rank/code").asText()).isEqualTo("GOLD");
        assertThat(admin.body().at("/rank/name").asText()).isEqualTo("Gold");
        assertThat(admin.body().at("/benefits/pointMultiplierPercent").asInt()).isEqualTo(150);
        assertThat(admin.body().at("/next/rank/code").asText()).isEqualTo("PLATINUM");
        assertThat(admin.body().at("/next/missing/points").asLong()).isEqualTo(1300);
        assertThat(admin.body().at("/next/missing/orders").asLong()).isEqualTo(8);
        assertThat(admin.body().at("/heldUntil").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(admin.body().at("/history/0/toCode").asText()).isEqualTo("GOLD");

        assertThat(call(new Console(Role.SUPPORT), "GET", "/customers/C-api/rank", null).status()).isEqualTo(200);
        assertThat(call(new Console(Role.MARKETER), "GET", "/customers/C-api/rank", null).status()).isEqualTo(200);
        assertThat(call(new Token(), "GET", "/customers/C-nobody/rank", null).status()).isEqualTo(404);
        assertThat(call(new Nobody(), "GET", "/customers/C-api/rank", null).status()).isEqualTo(401);
        assertThat(call(new Shopper("C-api"), "GET", "/customers/C-api/rank", null).status()).isEqualTo(401);

        Reply me = call(new Shopper("C-api"), "GET", "/me/rank", null);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().at("/customerRef").asText()).isEqualTo("C-api");
        assertThat(me.body().at("/rank/code").asText()).isEqualTo("GOLD");
        assertThat(call(new Shopper("C-first-visit"), "GET", "/me/rank", null).body().at("/rank/code").asText())
                .isEqualTo("REGULAR");
        assertThat(call(new Nobody(), "GET", "/me/rank", null).status()).isEqualTo(401);
    }

    @Test
    void a_marketer_creates_and_changes_ranks_and_every_change_is_audited() throws Exception {
        long before = audits("rank.create");
        Reply created = call(new Console(Role.MARKETER), "POST", "/ranks", BRONZE);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().at("/level").asInt()).isEqualTo(1);
        assertThat(audits("rank.create")).isEqualTo(before + 1);

        Reply ladder = call(new Token(), "GET", "/ranks", null);
        assertThat(ladder.body().at("/windowMonths").asInt()).isEqualTo(6);
        assertThat(ladder.body().at("/ranks/1/code").asText()).isEqualTo("BRONZE");
        assertThat(ladder.body().at("/ranks/2/code").asText()).isEqualTo("SILVER");
        assertThat(ladder.body().at("/ranks/2/level").asInt()).isEqualTo(2);

        Reply changed = call(new Token(), "PUT", "/ranks/BRONZE", BRONZE.replace("\"points\":100", "\"points\":150"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().at("/thresholds/points").asLong()).isEqualTo(150);
        assertThat(data.number("SELECT min_points FROM rank_definition WHERE code = 'BRONZE'")).isEqualTo(150);
        String auditBefore = data.tx(tx -> tx.sql().one("""
                SELECT before::text FROM audit_log WHERE action = 'rank.update' ORDER BY id DESC LIMIT 1""",
                rs -> rs.getString(1)).orElseThrow());
        assertThat(auditBefore).contains("\"points\": 100");

        Reply settings = call(new Token(), "PUT", "/ranks", """
                {"windowMonths":12,"downgradePolicy":"KEEP_UNTIL_END_OF_NEXT_PERIOD"}""");
        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.body().at("/windowMonths").asInt()).isEqualTo(12);
        assertThat(audits("rank.settings")).isEqualTo(1);
        call(new Token(), "PUT", "/ranks", "{\"windowMonths\":6,\"downgradePolicy\":\"IMMEDIATELY\"}");

        Reply members = call(new Console(Role.SUPPORT), "GET", "/ranks/members", null);
        assertThat(members.status()).isEqualTo(200);
        assertThat(members.body().get(0).at("/code").asText()).isEqualTo("REGULAR");
    }

    @Test
    void invalid_definitions_are_refused_naming_the_field_and_change_nothing() throws Exception {
        long ranks = data.number("SELECT count(*) FROM rank_definition");
        long audited = data.number("SELECT count(*) FROM audit_log");

        Reply noName = call(new Token(), "POST", "/ranks", BRONZE.replace("\"ja\":\"ブロンズ\",", "").replace("BRONZE", "COPPER"));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.body().at("/field").asText()).isEqualTo("name.ja");

        Reply fraction = call(new Token(), "POST", "/ranks",
                BRONZE.replace("\"pointMultiplierPercent\":110", "\"pointMultiplierPercent\":110.5").replace("BRONZE", "COPPER"));
        assertThat(fraction.status()).isEqualTo(400);
        assertThat(fraction.body().at("/field").asText()).isEqualTo("benefits.pointMultiplierPercent");

        Reply tooHigh = call(new Token(), "POST", "/ranks",
                BRONZE.replace("\"points\":100", "\"points\":900").replace("BRONZE", "COPPER"));
        assertThat(tooHigh.status()).isEqualTo(400);
        assertThat(tooHigh.body().at("/field").asText()).isEqualTo("thresholds.points");

        Reply badPolicy = call(new Token(), "PUT", "/ranks", "{\"windowMonths\":6,\"downgradePolicy\":\"NEVER\"}");
        assertThat(badPolicy.status()).isEqualTo(400);
        assertThat(badPolicy.body().at("/field").asText()).isEqualTo("downgradePolicy");

        Reply window = call(new Token(), "PUT", "/ranks", "{\"windowMonths\":0,\"downgradePolicy\":\"IMMEDIATELY\"}");
        assertThat(window.body().at("/field").asText()).isEqualTo("windowMonths");

        assertThat(call(new Token(), "PUT", "/ranks/NOSUCH", BRONZE.replace("BRONZE", "NOSUCH")).status()).isEqualTo(404);

        assertThat(data.number("SELECT count(*) FROM rank_definition")).isEqualTo(ranks);
        assertThat(data.number("SELECT count(*) FROM audit_log")).isEqualTo(audited);
        assertThat(data.number("SELECT window_months FROM rank_program")).isEqualTo(6);
    }

    @Test
    void support_may_not_change_ranks() throws Exception {
        assertThat(call(new Console(Role.SUPPORT), "POST", "/ranks", BRONZE.replace("BRONZE", "TIN")).status()).isEqualTo(403);
        assertThat(call(new Console(Role.SUPPORT), "GET", "/ranks", null).status()).isEqualTo(403);
        assertThat(call(new Shopper("C-1"), "POST", "/ranks", BRONZE.replace("BRONZE", "TIN")).status()).isEqualTo(401);
        assertThat(data.number("SELECT count(*) FROM rank_definition WHERE code = 'TIN'")).isZero();
    }
}
