package dev.kizuna.it;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The page walker's checks catch each kind of fault they are there for, and pass a page that has none. */
class PageChecksCanFailTest {
    static final PageChecks checks = PageChecks.load();

    static String page(String body) {
        return "<!doctype html><html lang=\"ja\"><head><title>顧客</title><style>.a{}</style></head><body>" + body
                + "<script>var x = 'the order is placed';</script></body></html>";
    }

    @Test
    void a_right_japanese_page_passes() {
        assertThat(checks.faults("ja", 200, page("<h1>山田 花子 様</h1><p>注文 #12 は 2026年12月2日 10:00 に配送済み"
                + "（TEA-001 × 2、¥3,240、120 pt）。クーポン WELCOME10 を使用。<a href=\"/crm/admin/customers/1\">顧客</a>"
                + " hanako@example.jp NPS 9</p><input name=\"name.en\" value=\"Welcome coupon, 10% off\">"
                + "<textarea name=\"x\">the order</textarea><span class=\"muted\" lang=\"en\">Double points on tea</span>"
                + "<code>points-expiry</code> ジョブ points-confirmation 対象 rfm:at-risk"
                + " 歩く人限定 300円引き 47QS-7G5A-A3KM-PQ2R-X7 ¥300 引き（コード 34D36W6CXAGS9BY2TU）"))).isEmpty();
    }

    @Test
    void a_message_key_shown_raw_is_found() {
        assertThat(checks.faults("en", 200, page("<p>customers.search.placeholder</p>")))
                .anyMatch(f -> f.contains("raw message key customers.search.placeholder"));
        // a key that no bundle has, in a namespace the bundles use (a text the template asks for and nobody wrote)
        assertThat(checks.faults("ja", 200, page("<h1>jobs.status.SUCCEEDED ジョブ</h1>")))
                .anyMatch(f -> f.contains("raw message key jobs.status.SUCCEEDED"));
        assertThat(checks.faults("ja", 200, page("<td>job.points-expiry.nonexistent</td>")))
                .anyMatch(f -> f.contains("raw message key job.points-expiry.nonexistent"));
    }

    @Test
    void an_enum_constant_shown_raw_is_found() {
        assertThat(checks.faults("en", 200, page("<td>Order #9</td><td>DELIVERED</td>")))
                .anyMatch(f -> f.contains("raw enum constant DELIVERED"));
        assertThat(checks.faults("ja", 200, page("<td title=\"REDEEM\">ポイント利用</td>")))
                .anyMatch(f -> f.contains("raw enum constant REDEEM"));
    }

    @Test
    void an_english_sentence_in_a_japanese_page_is_found() {
        List<String> faults = checks.faults("ja", 200, page("<div class=\"flash\">no such coupon code</div>"));
        assertThat(faults).anyMatch(f -> f.contains("English in a Japanese page: coupon"));
        assertThat(checks.faults("ja", 200, page("<input placeholder=\"Search customers\">")))
                .anyMatch(f -> f.contains("English in a Japanese page: customers"));
        // the same sentence on an English page is right
        assertThat(checks.faults("en", 200, page("<div class=\"flash\">no such coupon code</div>"))).isEmpty();
    }

    @Test
    void an_iso_or_utc_date_is_found() {
        assertThat(checks.faults("ja", 200, page("<footer>2026-12-01T20:21:24.055861911Z</footer>")))
                .anyMatch(f -> f.contains("ISO/UTC date 2026-12-01T20:21:24.055861911Z"));
        assertThat(checks.faults("en", 200, page("<td>2026-08-14</td>"))).anyMatch(f -> f.contains("ISO/UTC date 2026-08-14"));
        PageChecks walk = PageChecks.load();
        walk.forbidDay("2026年8月14日", "Aug 14, 2026");
        assertThat(walk.faults("ja", 200, page("<td>2026年8月14日</td>")))
                .anyMatch(f -> f.contains("a day not in the shop's zone: 2026年8月14日"));
    }

    @Test
    void a_freemarker_error_and_a_server_error_are_found() {
        String freemarker = page("<pre>FreeMarker template error (HTML_DEBUG mode; use RETHROW in production!):\n"
                + "The following has evaluated to null or missing:\n==> a.choices()  [in template \"console/customers/"
                + "answers-section.ftlh\" at line 11, column 21]</pre>");
        assertThat(checks.faults("en", 200, freemarker)).anyMatch(f -> f.contains("error text \"FreeMarker\""));
        assertThat(checks.faults("en", 500, page("<h1>Error</h1>"))).anyMatch(f -> f.equals("status 500"));
    }
}
