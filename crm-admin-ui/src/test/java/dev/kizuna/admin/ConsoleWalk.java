package dev.kizuna.admin;

import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.Navigation;
import dev.kizuna.core.console.ShopperViews;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.web.Role;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boots the console on whatever feature modules this test JVM's classpath holds and walks it as an admin: every
 * menu entry and every console page without path parameters (and the customer's 360° page) answers 200 in Japanese
 * and in English, no page says a module is missing, and what the dashboard, the 360° page and the shopper views
 * show is exactly what the installed modules contribute.
 */
public final class ConsoleWalk implements AutoCloseable {
    static final String CUSTOMER = "C-WALK";
    private static final Pattern SECTION = Pattern.compile("<section class=\"card[^\"]*\" id=\"section-([a-z-]+)\"");

    public final ConsoleServer server;
    public final WebClient admin;

    public ConsoleWalk() {
        server = ConsoleServer.start();
        server.runtime.publisher().publish(new CustomerRegistered("ev-walk-1", Instant.parse("2026-03-01T00:00:00Z"),
                CUSTOMER, "walk@example.jp", "山田 花子", LocalDate.of(1990, 4, 12), "ja", Map.of("email", true)));
        admin = server.signedIn(ConsoleServer.ADMIN);
    }

    public List<String> modules() {
        return server.runtime.modules();
    }

    /** The menu entries an admin sees, by id. */
    public List<String> menu() {
        return server.runtime.context().console().navigation().forRole(Role.ADMIN).stream().map(Navigation.Item::id)
                .toList();
    }

    /** Visits every menu entry and every GET page without parameters, in both languages; returns the paths visited. */
    public List<String> visitEveryPage() {
        List<String> paths = new ArrayList<>();
        for (Navigation.Item item : server.runtime.context().console().navigation().forRole(Role.ADMIN)) {
            paths.add(item.path());
        }
        for (ConsoleRoutes.Route route : server.runtime.context().console().pages().all()) {
            if (route.method().equals("GET") && !route.isPublic() && !route.pattern().contains("{")
                    && !route.pattern().endsWith(".csv") && !paths.contains(route.pattern())) {
                paths.add(route.pattern());
            }
        }
        paths.add("/customers/" + CUSTOMER);
        for (String lang : List.of("ja", "en")) {
            for (String path : paths) {
                WebClient.Response r = admin.get("/crm/admin" + path + (path.contains("?") ? "&" : "?") + "lang=" + lang);
                assertThat(r.status()).as(path + " in " + lang).isEqualTo(200);
                assertThat(r.body()).as(path + " in " + lang).doesNotContain("module-missing")
                        .contains("<html lang=\"" + lang + "\"");
            }
        }
        return paths;
    }

    public List<String> dashboardSections() {
        return sections(admin.get("/crm/admin/").body());
    }

    public List<String> customerSections() {
        return sections(admin.get("/crm/admin/customers/" + CUSTOMER).body());
    }

    public String shopperViews() {
        return new ShopperViews(server.runtime).render(CUSTOMER, Locale.ENGLISH);
    }

    public WebClient.Response page(String path) {
        return admin.get("/crm/admin" + path);
    }

    private static List<String> sections(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = SECTION.matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    @Override
    public void close() {
        server.close();
    }
}
