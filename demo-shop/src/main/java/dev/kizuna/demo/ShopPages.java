package dev.kizuna.demo;

import dev.kizuna.core.console.ShopperViews;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.TooManyAttempts;
import dev.kizuna.core.spi.CartItemAdded;
import dev.kizuna.core.spi.ProductViewed;
import dev.kizuna.core.spi.SearchPerformed;
import dev.kizuna.core.text.EmailAddress;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The shop's pages: catalog and search, product, cart and checkout, sign-in, and the account page that includes
 * Kizuna's shopper views. Forms carry a per-session token, as any shop's should.
 */
final class ShopPages extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String CART = "shop.cart";
    private static final String TOKEN = "shop.formToken";

    private final transient ShopStore store;
    private final transient ShopCheckout checkout;
    private final transient KizunaRuntime kizuna;
    private final transient Configuration freemarker;

    ShopPages(ShopStore store, ShopCheckout checkout, KizunaRuntime kizuna) {
        this.store = store;
        this.checkout = checkout;
        this.kizuna = kizuna;
        freemarker = new Configuration(Configuration.VERSION_2_3_33);
        freemarker.setClassLoaderForTemplateLoading(ShopPages.class.getClassLoader(), "shop/templates");
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setOutputEncoding("UTF-8");
        freemarker.setURLEscapingCharset("UTF-8");
        freemarker.setRecognizeStandardFileExtensions(true);
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setNumberFormat("#,##0");
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = path(req);
        Map<String, Object> model = base(req);
        switch (path) {
            case "/", "" -> {
                String q;
                try {
                    q = ShopFields.optional("q", req.getParameter("q"), ShopApi.MAX_QUERY).orElse(null);
                } catch (InvalidInput e) {
                    resp.sendError(400, e.detail(locale(req)));
                    return;
                }
                List<ShopStore.Product> products = store.products(q);
                if (q != null) {
                    shopper(req).ifPresent(c -> checkout.publish(new SearchPerformed(UUID.randomUUID().toString(),
                            kizuna.context().clock().instant(), c, q, products.size())));
                    model.put("q", q);
                }
                model.put("products", products);
                render(resp, "catalog.ftlh", model);
            }
            case "/product" -> {
                Optional<ShopStore.Product> p = store.product(Optional.ofNullable(req.getParameter("sku")).orElse(""));
                if (p.isEmpty()) {
                    resp.sendError(404);
                    return;
                }
                shopper(req).ifPresent(c -> checkout.publish(new ProductViewed(UUID.randomUUID().toString(),
                        kizuna.context().clock().instant(), c, p.get().sku(), p.get().category())));
                model.put("product", p.get());
                render(resp, "product.ftlh", model);
            }
            case "/cart" -> render(resp, "cart.ftlh", model);
            case "/signin" -> {
                model.put("customers", store.customers());
                render(resp, "signin.ftlh", model);
            }
            case "/account" -> {
                Optional<String> c = shopper(req);
                if (c.isEmpty()) {
                    resp.sendRedirect("/shop/signin");
                    return;
                }
                model.put("orders", store.ordersOf(Long.parseLong(c.get())));
                // Kizuna's shopper views (points, rank, coupons, surveys, profile questions) as one fragment
                model.put("kizunaViews", new ShopperViews(kizuna, req.getContextPath()).render(c.get(), locale(req)));
                render(resp, "account.ftlh", model);
            }
            default -> resp.sendError(404);
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        HttpSession session = req.getSession();
        if (!String.valueOf(session.getAttribute(TOKEN)).equals(req.getParameter("_token"))) {
            resp.sendError(403, "form expired; reload the page");
            return;
        }
        Map<String, Object> model = base(req);
        switch (path(req)) {
            case "/signin" -> {
                String email = Optional.ofNullable(req.getParameter("email")).map(String::strip).orElse("");
                // no lookup for what cannot be an address (a NUL or 64 KB of dots never reaches the database)
                Optional<ShopStore.Customer> c = EmailAddress.isValid(email) ? store.customerByEmail(email) : Optional.empty();
                if (c.isEmpty()) {
                    model.put("error", "no customer with that e-mail");
                    model.put("customers", store.customers());
                    render(resp, "signin.ftlh", model);
                    return;
                }
                req.changeSessionId();
                session.setAttribute(ShopHost.SESSION_CUSTOMER, Long.toString(c.get().id()));
                resp.sendRedirect("/shop/account");
            }
            case "/register" -> {
                try {
                    long id = checkout.register(new ShopCheckout.NewCustomer(req.getParameter("email"),
                            req.getParameter("name"), req.getParameter("birthDate"), req.getParameter("locale")));
                    req.changeSessionId();
                    session.setAttribute(ShopHost.SESSION_CUSTOMER, Long.toString(id));
                    resp.sendRedirect("/shop/account");
                } catch (InvalidInput | Conflict e) {
                    model.put("error", e instanceof InvalidInput ii ? ii.detail(locale(req)) : e.getMessage());
                    model.put("customers", store.customers());
                    render(resp, "signin.ftlh", model);
                }
            }
            case "/signout" -> {
                session.invalidate();
                resp.sendRedirect("/");
            }
            case "/cart/add" -> {
                String sku = req.getParameter("sku");
                Optional<ShopStore.Product> p = store.product(sku == null ? "" : sku);
                if (p.isPresent()) {
                    cart(session).merge(sku, 1, Integer::sum);
                    shopper(req).ifPresent(c -> checkout.publish(new CartItemAdded(UUID.randomUUID().toString(),
                            kizuna.context().clock().instant(), c, sku, p.get().category(), 1, p.get().price())));
                }
                resp.sendRedirect("/shop/cart");
            }
            case "/cart/clear" -> {
                cart(session).clear();
                resp.sendRedirect("/shop/cart");
            }
            case "/checkout" -> {
                Optional<String> c = shopper(req);
                if (c.isEmpty()) {
                    resp.sendRedirect("/shop/signin");
                    return;
                }
                List<ShopCheckout.LineRequest> lines = cart(session).entrySet().stream()
                        .map(e -> store.product(e.getKey()).map(p ->
                                new ShopCheckout.LineRequest(p.sku(), p.category(), e.getValue(), p.price())).orElseThrow())
                        .toList();
                try {
                    long points = Optional.ofNullable(req.getParameter("points")).filter(s -> !s.isBlank())
                            .map(Long::parseLong).orElse(0L);
                    ShopCheckout.Placed placed = checkout.place(new ShopCheckout.OrderRequest(c.get(), "JPY", lines,
                            req.getParameter("coupon"), points, null), req.getRemoteAddr());
                    cart(session).clear();
                    Map<String, Object> shown = base(req); // after the cart was emptied, so the header says so
                    shown.put("placed", placed);
                    render(resp, "placed.ftlh", shown);
                } catch (InvalidInput | Conflict | TooManyAttempts | NumberFormatException e) {
                    model.put("error", e instanceof NumberFormatException
                            ? new InvalidInput("points", "whole-number").detail(locale(req))
                            : e instanceof InvalidInput ii ? ii.detail(locale(req)) : e.getMessage());
                    render(resp, "cart.ftlh", base(req, model));
                }
            }
            default -> resp.sendError(404);
        }
    }

    private Map<String, Object> base(HttpServletRequest req) {
        return base(req, new HashMap<>());
    }

    private Map<String, Object> base(HttpServletRequest req, Map<String, Object> model) {
        HttpSession session = req.getSession();
        if (session.getAttribute(TOKEN) == null) {
            byte[] b = new byte[16];
            new SecureRandom().nextBytes(b);
            session.setAttribute(TOKEN, HexFormat.of().formatHex(b));
        }
        model.put("token", session.getAttribute(TOKEN));
        model.put("lang", locale(req).getLanguage());
        shopper(req).flatMap(id -> store.customer(Long.parseLong(id))).ifPresent(c -> model.put("me", c));
        Map<String, Integer> cart = cart(session);
        List<Map<String, Object>> lines = cart.entrySet().stream().map(e -> {
            ShopStore.Product p = store.product(e.getKey()).orElseThrow();
            Map<String, Object> m = new HashMap<>();
            m.put("product", p);
            m.put("quantity", e.getValue());
            m.put("amount", p.price() * e.getValue());
            return m;
        }).toList();
        model.put("cartLines", lines);
        model.put("cartTotal", lines.stream().mapToLong(m -> (Long) m.get("amount")).sum());
        model.put("now", kizuna.context().clock().instant().toString());
        return model;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Integer> cart(HttpSession session) {
        Object c = session.getAttribute(CART);
        if (c == null) {
            c = new LinkedHashMap<String, Integer>();
            session.setAttribute(CART, c);
        }
        return (Map<String, Integer>) c;
    }

    private Optional<String> shopper(HttpServletRequest req) {
        HttpSession s = req.getSession(false);
        return s == null ? Optional.empty() : Optional.ofNullable((String) s.getAttribute(ShopHost.SESSION_CUSTOMER));
    }

    private static Locale locale(HttpServletRequest req) {
        String lang = Optional.ofNullable(req.getParameter("lang")).orElse(Optional.ofNullable(req.getHeader("Accept-Language")).orElse("ja"));
        return lang.startsWith("en") ? Locale.ENGLISH : Locale.JAPANESE;
    }

    private static String path(HttpServletRequest req) {
        return Optional.ofNullable(req.getPathInfo()).orElse("/");
    }

    private void render(HttpServletResponse resp, String template, Map<String, Object> model) throws IOException {
        resp.setContentType("text/html; charset=UTF-8");
        try {
            freemarker.getTemplate(template).process(model, resp.getWriter());
        } catch (TemplateException e) {
            throw new IOException("cannot render " + template, e);
        }
    }

    /** The shop's stylesheet. */
    static final class Static extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String name = Optional.ofNullable(req.getPathInfo()).orElse("");
            if (!name.matches("/[a-z0-9-]+\\.(css|svg)")) {
                resp.sendError(404);
                return;
            }
            try (InputStream in = Static.class.getClassLoader().getResourceAsStream("shop/static" + name)) {
                if (in == null) {
                    resp.sendError(404);
                    return;
                }
                resp.setContentType(name.endsWith(".css") ? "text/css" : "image/svg+xml");
                resp.setHeader("Cache-Control", "max-age=3600");
                in.transferTo(resp.getOutputStream());
            }
        }
    }
}
