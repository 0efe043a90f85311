package dev.kizuna.core.web;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.ApiClient.Reply;
import dev.kizuna.core.testing.ApiClient.Token;
import dev.kizuna.core.testing.TestKizuna;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A refused request is explained in the caller's language, naming the field by its label, through the real servlet. */
class ProblemLanguageTest {
    static KizunaRuntime kizuna;
    static ApiClient api;

    @BeforeAll
    static void install() {
        kizuna = TestKizuna.install();
        api = new ApiClient(kizuna);
    }

    @AfterAll
    static void close() {
        api.close();
        kizuna.close();
    }

    @Test
    void the_same_bad_request_is_explained_in_japanese_or_english_naming_the_field_both_times() {
        Reply ja = api.call(new Token(), "ja", "GET", "/jobs/event-retry/runs?limit=0", null);
        Reply en = api.call(new Token(), "en-US,en;q=0.9", "GET", "/jobs/event-retry/runs?limit=0", null);
        for (Reply r : new Reply[]{ja, en}) {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.headers().get("content-type")).startsWith("application/problem+json");
            assertThat(r.json().get("field").asText()).isEqualTo("limit");
            assertThat(r.json().get("code").asText()).isEqualTo("out-of-range");
        }
        assertThat(ja.json().get("title").asText()).isEqualTo("入力内容に誤りがあります");
        assertThat(ja.json().get("detail").asText()).isEqualTo("件数：1 以上 200 以下にしてください");
        assertThat(en.json().get("title").asText()).isEqualTo("Invalid input");
        assertThat(en.json().get("detail").asText()).isEqualTo("limit: must be between 1 and 200");
    }

    @Test
    void japanese_is_told_when_asked_for_first_and_english_otherwise() {
        assertThat(api.call(new Token(), "ja-JP,ja;q=0.9,en;q=0.8", "GET", "/jobs/event-retry/runs?limit=x", null)
                .json().get("detail").asText()).isEqualTo("件数：整数で入力してください");
        assertThat(api.call(new Token(), "fr-FR,en;q=0.5", "GET", "/jobs/event-retry/runs?limit=x", null)
                .json().get("detail").asText()).isEqualTo("limit: must be a whole number");
        assertThat(api.call(new Token(), "fr", "GET", "/jobs/event-retry/runs?limit=x&lang=ja", null)
                .json().get("detail").asText()).isEqualTo("件数：整数で入力してください");
        assertThat(api.call(new Token(), "ja", "GET", "/no/such/api", null).json().get("title").asText())
                .isEqualTo("見つかりません");
    }
}
