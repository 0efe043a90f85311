package dev.kizuna.demo;

import dev.kizuna.core.console.Flash;
import dev.kizuna.core.console.ShopperViews;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.TooManyAttempts;
import dev.kizuna.core.i18n.ProblemTexts;
import dev.kizuna.core.ports.ProductRecommendations;
import dev.kizuna.core.spi.Cart;
import dev.kizuna.core.spi.CartItemAdded;
import dev.kizuna.core.ports.MemberDiscount;
import dev.kizuna.core.spi.CouponCheckout;
import dev.kizuna.core.spi.PointsCheckout;
import dev.kizuna.core.spi.ProductViewed;
import dev.kizuna.core.spi.SearchPerformed;
import dev.kizuna.core.text.EmailAddress;
import dev.kizuna.core.web.Router;
import dev.kizuna.survey.profiling.CustomerProfiles;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The shop's pages: catalog and search, product, cart and checkout, sign-in, the order pages and the account page
 * that includes Kizuna's shopper views. Forms carry a per-session token, as any shop's should, and every post
 * answers with a redirect (post/redirect/get): its outcome is a flash message on the next page, and what the shopper
 * typed into a refused form is kept in the session and shown again. The language is {@code ?lang=ja|en}, kept in a
 * cookie; every text comes from {@code shop/i18n}, every problem from Kizuna's problem texts.
 */
final class ShopPages extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String CART = "shop.cart";
    private static final String TOKEN = "shop.formToken";
    private static final String FLASH = "shop.flash";
    /** What the shopper last typed into the checkout form (coupon code, points) and into the registration form. */
    private static final String ENTERED = "shop.entered";
    /** The coupon code that was quoted without a refusal, re-quoted on the cart page (unknown codes never are). */
    private static final String COUPON_OK = "shop.couponOk";
    static final String LANG_COOKIE = "shop_lang";
    static final String ORDER_COMPLETE_PLACEMENT = "order-complete";
    private static final int MAX_LINE_QUANTITY = 99;
    private static final Pattern ORDER_ID = Pattern.compile("\\d{1,18}");

    private final transient ShopStore store;
    private final transient ShopCheckout checkout;
    private final transient KizunaRuntime kizuna;
    private final transient Configuration freemarker;
    private final transient Router<Page> pages = pages();

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

    /** A page the shop answers a GET with; {@code params} are the route's path parameters. */
    @FunctionalInterface
    private interface Page {
        void show(HttpServletRequest req, HttpServletResponse resp, Map<String, Object> model, ShopTexts texts,
                  Map<String, String> params) throws IOException;
    }

    /** The shop's pages by path: what a GET is dispatched on (and what a walk of every page reads). */
    private Router<Page> pages() {
        Router<Page> r = Router.create();
        r.add("GET", "/", (req, resp, model, texts, params) -> catalog(req, resp, model, texts));
        r.add("GET", "/product", (req, resp, model, texts, params) -> product(req, resp, model, texts));
        r.add("GET", "/cart", (req, resp, model, texts, params) -> {
            preview(req, model, texts);
            model.put("boughtWith", boughtWith(List.copyOf(cart(req.getSession()).keySet()), texts));
            render(resp, "cart.ftlh", model);
        });
        r.add("GET", "/signin", (req, resp, model, texts, params) -> {
            model.put("customers", store.customers());
            render(resp, "signin.ftlh", model);
        });
        // A member's referral link (Kizuna's kizuna.referrals.link): the sign-up form, carrying the code along.
        r.add("GET", "/register", (req, resp, model, texts, params) -> {
            model.put("customers", store.customers());
            Optional.ofNullable(req.getParameter("ref")).map(String::strip).filter(ref -> !ref.isEmpty())
                    .ifPresent(ref -> model.put("referral", clip(ref)));
            render(resp, "signin.ftlh", model);
        });
        r.add("GET", "/account", (req, resp, model, texts, params) -> account(req, resp, model, texts));
        r.add("GET", "/orders/{id}", (req, resp, model, texts, params) -> order(req, resp, model, texts, params.get("id"), false));
        r.add("GET", "/orders/{id}/complete", (req, resp, model, texts, params) ->
                order(req, resp, model, texts, params.get("id"), true));
        return r;
    }

    /** The path patterns of the shop's pages ({@code /orders/{id}} …), as GETs are dispatched on them. */
    List<String> pagePatterns() {
        return pages.all().stream().map(Router.Route::pattern).toList();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ShopTexts texts = texts(req, resp);
        Map<String, Object> model = base(req, texts);
        Optional<Router.Match<Page>> page = pages.match("GET", path(req), new ArrayList<>());
        if (page.isEmpty()) {
            resp.sendError(404);
            return;
        }
        page.get().handler().show(req, resp, model, texts, page.get().params());
    }

    private void catalog(HttpServletRequest req, HttpServletResponse resp, Map<String, Object> model, ShopTexts texts)
            throws IOException {
        String q;
        try {
            q = ShopFields.optional("q", req.getParameter("q"), ShopApi.MAX_QUERY).orElse(null);
        } catch (InvalidInput e) {
            resp.sendError(400, e.detail(texts.locale()));
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

    private void product(HttpServletRequest req, HttpServletResponse resp, Map<String, Object> model, ShopTexts texts)
            throws IOException {
        Optional<ShopStore.Product> p = store.product(Optional.ofNullable(req.getParameter("sku")).orElse(""));
        if (p.isEmpty()) {
            resp.sendError(404);
            return;
        }
        shopper(req).ifPresent(c -> checkout.publish(new ProductViewed(UUID.randomUUID().toString(),
                kizuna.context().clock().instant(), c, p.get().sku(), p.get().category())));
        model.put("product", p.get());
        model.put("boughtWith", boughtWith(List.of(p.get().sku()), texts));
        render(resp, "product.ftlh", model);
    }

    /**
     * What other shoppers bought with {@code skus} (Kizuna's recommendations, when the segments are installed), as
     * the shop's own products: sku and name in the page's language.
     */
    private List<Map<String, String>> boughtWith(List<String> skus, ShopTexts texts) {
        if (skus.isEmpty()) {
            return List.of();
        }
        return kizuna.context().ports().find(ProductRecommendations.class)
                .map(r -> kizuna.context().database().inTransaction(tx -> r.boughtWith(tx, skus, 4)))
                .orElse(List.of()).stream()
                .flatMap(s -> store.product(s.sku()).stream())
                .map(p -> Map.of("sku", p.sku(), "name", p.name(texts.lang()))).toList();
    }

    private void account(HttpServletRequest req, HttpServletResponse resp, Map<String, Object> model, ShopTexts texts)
            throws IOException {
        Optional<String> c = shopper(req);
        if (c.isEmpty()) {
            resp.sendRedirect("/shop/signin");
            return;
        }
        model.put("orders", store.ordersOf(Long.parseLong(c.get())));
        // Kizuna's shopper views (points, rank, coupons, surveys, profile questions) as one fragment
        model.put("kizunaViews", new ShopperViews(kizuna, req.getContextPath()).render(c.get(), texts.locale()));
        render(resp, "account.ftlh", model);
    }

    /** An order of the signed-in shopper; {@code complete}: the page checkout leads to, with its profile question. */
    private void order(HttpServletRequest req, HttpServletResponse resp, Map<String, Object> model, ShopTexts texts,
                       String orderId, boolean complete) throws IOException {
        if (!ORDER_ID.matcher(orderId).matches()) {
            resp.sendError(404);
            return;
        }
        long id = Long.parseLong(orderId);
        Optional<String> c = shopper(req);
        if (c.isEmpty()) {
            resp.sendRedirect("/shop/signin");
            return;
        }
        Optional<ShopStore.Order> order = store.order(id).filter(o -> Long.toString(o.customerId()).equals(c.get()));
        if (order.isEmpty()) {
            resp.sendError(404, texts.text("order.not-yours"));
            return;
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        for (ShopStore.Line l : order.get().lines()) {
            Map<String, Object> m = new HashMap<>();
            m.put("name", store.product(l.sku()).map(p -> p.name(texts.lang())).orElse(l.sku()));
            m.put("quantity", l.quantity());
            m.put("amount", l.unitPrice() * l.quantity());
            lines.add(m);
        }
        model.put("order", order.get());
        model.put("orderId", Long.toString(id));
        model.put("orderLines", lines);
        model.put("complete", complete);
        if (complete) {
            // the profile question the merchant placed on the order confirmation, if any is due
            model.put("profileWidget", kizuna.context().ports().find(CustomerProfiles.class)
                    .map(p -> p.widget(c.get(), texts.lang(), ORDER_COMPLETE_PLACEMENT, req.getContextPath())).orElse(""));
        }
        render(resp, "order.ftlh", model);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        HttpSession session = req.getSession();
        ShopTexts texts = texts(req, resp);
        if (!String.valueOf(session.getAttribute(TOKEN)).equals(req.getParameter("_token"))) {
            resp.sendError(403, texts.text("form.expired"));
            return;
        }
        switch (path(req)) {
            case "/signin" -> {
                String email = Optional.ofNullable(req.getParameter("email")).map(String::strip).orElse("");
                // no lookup for what cannot be an address (a NUL or 64 KB of dots never reaches the database)
                Optional<ShopStore.Customer> c = EmailAddress.isValid(email) ? store.customerByEmail(email) : Optional.empty();
                if (c.isEmpty()) {
                    enter(session, Map.of("signin.email", clip(email)));
                    redirect(resp, session, "/shop/signin", "error", texts.text("signin.unknown"));
                    return;
                }
                signIn(req, c.get().id());
                redirect(resp, req.getSession(), "/shop/account", "success", texts.text("signin.done", c.get().name()));
            }
            case "/register" -> {
                Map<String, String> entered = new HashMap<>();
                for (String f : List.of("email", "name", "birthDate", "locale", "referralCode")) {
                    entered.put("register." + f, clip(Optional.ofNullable(req.getParameter(f)).orElse("")));
                }
                try {
                    long id = checkout.register(new ShopCheckout.NewCustomer(req.getParameter("email"),
                            req.getParameter("name"), req.getParameter("birthDate"), req.getParameter("locale"),
                            req.getParameter("referralCode")));
                    signIn(req, id);
                    redirect(resp, req.getSession(), "/shop/account", "success",
                            texts.text("register.done", store.customer(id).map(ShopStore.Customer::name).orElse("")));
                } catch (InvalidInput | Conflict e) {
                    enter(session, entered);
                    redirect(resp, session, "/shop/signin#register", "error", problem(e, texts));
                }
            }
            case "/signout" -> {
                session.invalidate();
                redirect(resp, req.getSession(), "/", "success", texts.text("signout.done"));
            }
            case "/cart/add" -> {
                String sku = req.getParameter("sku");
                Optional<ShopStore.Product> p = store.product(sku == null ? "" : sku);
                if (p.isEmpty()) {
                    redirect(resp, session, "/shop/cart", "error", texts.text("cart.unknown-product"));
                    return;
                }
                cart(session).merge(sku, 1, (a, b) -> Math.min(MAX_LINE_QUANTITY, a + b));
                shopper(req).ifPresent(c -> checkout.publish(new CartItemAdded(UUID.randomUUID().toString(),
                        kizuna.context().clock().instant(), c, sku, p.get().category(), 1, p.get().price())));
                redirect(resp, session, "/shop/cart", "success", texts.text("cart.added", p.get().name(texts.lang())));
            }
            case "/cart/update" -> {
                String sku = Optional.ofNullable(req.getParameter("sku")).orElse("");
                Map<String, Integer> cart = cart(session);
                Optional<ShopStore.Product> p = store.product(sku).filter(x -> cart.containsKey(sku));
                if (p.isEmpty()) {
                    redirect(resp, session, "/shop/cart", "error", texts.text("cart.unknown-product"));
                    return;
                }
                if ("remove".equals(req.getParameter("action"))) {
                    cart.remove(sku);
                    redirect(resp, session, "/shop/cart", "success", texts.text("cart.removed", p.get().name(texts.lang())));
                    return;
                }
                int quantity;
                try {
                    quantity = Integer.parseInt(Optional.ofNullable(req.getParameter("quantity")).orElse("").strip());
                } catch (NumberFormatException e) {
                    quantity = -1;
                }
                if (quantity < 0 || quantity > MAX_LINE_QUANTITY) {
                    redirect(resp, session, "/shop/cart", "error",
                            new InvalidInput("quantity", "out-of-range", 0, MAX_LINE_QUANTITY).detail(texts.locale()));
                    return;
                }
                if (quantity == 0) {
                    cart.remove(sku);
                } else {
                    cart.put(sku, quantity);
                }
                redirect(resp, session, "/shop/cart", "success", texts.text("cart.updated"));
            }
            case "/cart/clear" -> {
                cart(session).clear();
                redirect(resp, session, "/shop/cart", "success", texts.text("cart.cleared"));
            }
            case "/cart/apply" -> {
                Optional<String> c = shopper(req);
                if (c.isEmpty()) {
                    redirect(resp, session, "/shop/signin", "error", texts.text("cart.sign-in-to-order"));
                    return;
                }
                enterCheckout(req, session);
                try {
                    check(c.get(), req, session);
                    redirect(resp, session, "/shop/cart", "success", texts.text("cart.applied"));
                } catch (InvalidInput | Conflict | TooManyAttempts e) {
                    redirect(resp, session, "/shop/cart", "error", problem(e, texts));
                }
            }
            case "/checkout" -> {
                Optional<String> c = shopper(req);
                if (c.isEmpty()) {
                    redirect(resp, session, "/shop/signin", "error", texts.text("cart.sign-in-to-order"));
                    return;
                }
                enterCheckout(req, session);
                try {
                    ShopCheckout.Placed placed = checkout.place(new ShopCheckout.OrderRequest(c.get(), "JPY",
                            lineRequests(session), req.getParameter("coupon"), points(req.getParameter("points")), null),
                            req.getRemoteAddr());
                    cart(session).clear();
                    session.removeAttribute(ENTERED);
                    session.removeAttribute(COUPON_OK);
                    redirect(resp, session, "/shop/orders/" + placed.id() + "/complete", "success",
                            texts.text("placed.flash", placed.id()));
                } catch (InvalidInput | Conflict | TooManyAttempts e) {
                    redirect(resp, session, "/shop/cart", "error", problem(e, texts));
                }
            }
            default -> resp.sendError(404);
        }
    }

    /** Quotes the coupon and points the shopper entered without placing anything; a refusal is thrown. */
    private void check(String customerRef, HttpServletRequest req, HttpSession session) {
        String code = Optional.ofNullable(req.getParameter("coupon")).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        long points = points(req.getParameter("points"));
        Cart cart = cart(customerRef, session);
        CouponCheckout.Quote coupon = null;
        session.removeAttribute(COUPON_OK);
        if (code != null) {
            coupon = kizuna.context().ports().find(CouponCheckout.class)
                    .orElseThrow(() -> new InvalidInput("couponCode", "shop.no-coupons"))
                    .quote(customerRef, code, cart, req.getRemoteAddr());
            session.setAttribute(COUPON_OK, code);
        }
        if (points > 0) {
            if (coupon != null && !coupon.stackableWithPoints()) {
                throw new Conflict("POINTS_NOT_STACKABLE", "this coupon cannot be combined with points");
            }
            long member = Math.min(checkout.memberPrice(customerRef, cart).discount(), cart.merchandiseTotal());
            long discount = member + (coupon == null ? 0 : Math.min(coupon.discount(), cart.merchandiseTotal() - member));
            PointsCheckout.Quote q = kizuna.context().ports().find(PointsCheckout.class)
                    .orElseThrow(() -> new InvalidInput("pointsToRedeem", "shop.no-points"))
                    .quote(customerRef, "JPY", cart.merchandiseTotal() - discount);
            if (points < q.minimum()) {
                throw new InvalidInput("pointsToRedeem", "shop.points-minimum", q.minimum());
            }
            if (points > q.maximum()) {
                throw new InvalidInput("pointsToRedeem", "shop.points-maximum", q.maximum());
            }
        }
    }

    /**
     * What the order would come to, before it is placed: the point balance and how many points this cart may use,
     * the accepted coupon's effect, shipping and the total. Rows that take nothing off are left out.
     */
    private void preview(HttpServletRequest req, Map<String, Object> model, ShopTexts texts) {
        HttpSession session = req.getSession();
        long subtotal = (Long) model.get("cartTotal");
        Optional<String> customer = shopper(req);
        model.put("signedIn", customer.isPresent());
        if (subtotal == 0 || customer.isEmpty()) {
            model.put("shipping", subtotal >= ShopCheckout.FREE_SHIPPING_FROM || subtotal == 0 ? 0L : ShopCheckout.FLAT_SHIPPING);
            model.put("total", subtotal + (long) model.get("shipping"));
            return;
        }
        String ref = customer.get();
        Cart cart = cart(ref, session);
        long freeFrom = checkout.freeShippingFrom(ref);
        long shipping = subtotal >= freeFrom ? 0 : ShopCheckout.FLAT_SHIPPING;
        MemberDiscount.Quote member = checkout.memberPrice(ref, cart);
        long memberDiscount = Math.min(member.discount(), subtotal);
        if (memberDiscount > 0) {
            // each line shows its member price beside the list price
            Map<String, Long> memberAmounts = new HashMap<>();
            member.lines().forEach(l -> memberAmounts.merge(l.sku(), l.memberAmount(), Long::sum));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> lines = (List<Map<String, Object>>) model.get("cartLines");
            for (Map<String, Object> line : lines) {
                String sku = ((ShopStore.Product) line.get("product")).sku();
                Long memberAmount = memberAmounts.get(sku);
                if (memberAmount != null && memberAmount < (Long) line.get("amount")) {
                    line.put("memberAmount", memberAmount);
                }
            }
        }
        model.put("memberDiscount", memberDiscount);
        long discount = 0;
        Map<String, String> entered = entered(session);
        String code = Optional.ofNullable(entered.get("coupon")).filter(s -> !s.isBlank()).orElse(null);
        CouponCheckout.Quote coupon = null;
        if (code != null && code.equals(session.getAttribute(COUPON_OK))) {
            try {
                coupon = kizuna.context().ports().find(CouponCheckout.class).map(
                        cc -> cc.quote(ref, code, cart, req.getRemoteAddr())).orElse(null);
            } catch (InvalidInput | Conflict | TooManyAttempts e) {
                // the cart changed since the coupon was accepted (below its minimum, say): say why it no longer applies
                model.put("couponProblem", problem(e, texts));
            }
        }
        if (coupon != null) {
            discount = Math.min(coupon.discount(), subtotal - memberDiscount);
            if (coupon.freeShipping()) {
                shipping = 0;
            }
            model.put("coupon", coupon);
        }
        long payable = subtotal - memberDiscount - discount;
        Optional<PointsCheckout.Quote> quote = kizuna.context().ports().find(PointsCheckout.class)
                .map(p -> p.quote(ref, "JPY", payable));
        long points = 0;
        if (quote.isPresent()) {
            PointsCheckout.Quote q = quote.get();
            model.put("pointsQuote", q);
            if (coupon == null || coupon.stackableWithPoints()) {
                try {
                    long wanted = points(entered.get("points"));
                    if (wanted >= q.minimum() && wanted <= q.maximum()) {
                        points = wanted;
                    }
                } catch (InvalidInput e) {
                    // shown when it was entered; nothing is taken off
                }
            }
        }
        model.put("discount", discount);
        model.put("pointsUsed", points);
        model.put("shipping", shipping);
        model.put("freeShippingFrom", freeFrom);
        model.put("total", subtotal - memberDiscount - discount - points + shipping);
    }

    private Cart cart(String customerRef, HttpSession session) {
        List<Cart.CartLine> lines = lineRequests(session).stream()
                .map(l -> new Cart.CartLine(l.sku(), l.category(), l.quantity(), l.unitPrice())).toList();
        long subtotal = lines.stream().mapToLong(Cart.CartLine::amount).sum();
        return new Cart("JPY", lines, subtotal >= checkout.freeShippingFrom(customerRef) ? 0 : ShopCheckout.FLAT_SHIPPING);
    }

    private List<ShopCheckout.LineRequest> lineRequests(HttpSession session) {
        List<ShopCheckout.LineRequest> lines = new ArrayList<>();
        cart(session).forEach((sku, quantity) -> store.product(sku).ifPresent(p ->
                lines.add(new ShopCheckout.LineRequest(p.sku(), p.category(), quantity, p.price()))));
        return lines;
    }

    /** Points typed into the checkout form: blank is none. */
    private static long points(String typed) {
        String s = typed == null ? "" : typed.strip().replace(",", "");
        if (s.isEmpty()) {
            return 0;
        }
        try {
            long p = Long.parseLong(s);
            if (p < 0) {
                throw new InvalidInput("pointsToRedeem", "not-negative");
            }
            return p;
        } catch (NumberFormatException e) {
            throw new InvalidInput("pointsToRedeem", "whole-number");
        }
    }

    /** A refusal in the shopper's language: the field's label and the rule, or the refusal's reason. */
    private static String problem(RuntimeException e, ShopTexts texts) {
        if (e instanceof InvalidInput ii) {
            return ii.detail(texts.locale());
        }
        if (e instanceof Conflict c) {
            ProblemTexts problems = ProblemTexts.shared();
            String key = "conflict." + c.code();
            return problems.has(key) ? problems.text(texts.locale(), key) : c.getMessage();
        }
        return texts.text("form.too-many-attempts");
    }

    private void signIn(HttpServletRequest req, long customerId) {
        req.changeSessionId();
        req.getSession().setAttribute(ShopHost.SESSION_CUSTOMER, Long.toString(customerId));
        req.getSession().removeAttribute(ENTERED);
    }

    private static void enterCheckout(HttpServletRequest req, HttpSession session) {
        enter(session, Map.of("coupon", clip(Optional.ofNullable(req.getParameter("coupon")).orElse("")),
                "points", clip(Optional.ofNullable(req.getParameter("points")).orElse(""))));
    }

    /** Keeps what was typed (clipped: the session is no store for megabytes) to show it again. */
    private static void enter(HttpSession session, Map<String, String> values) {
        Map<String, String> entered = new HashMap<>(entered(session));
        entered.putAll(values);
        session.setAttribute(ENTERED, entered);
    }

    private static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> entered(HttpSession session) {
        Object e = session.getAttribute(ENTERED);
        return e == null ? Map.of() : (Map<String, String>) e;
    }

    /** Post/redirect/get: the outcome waits in the session for the next page; 303 so the browser gets it. */
    private static void redirect(HttpServletResponse resp, HttpSession session, String to, String kind, String text) {
        session.setAttribute(FLASH, new Flash(kind, text));
        resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
        resp.setHeader("Location", to);
    }

    private Map<String, Object> base(HttpServletRequest req, ShopTexts texts) {
        Map<String, Object> model = new HashMap<>();
        HttpSession session = req.getSession();
        if (session.getAttribute(TOKEN) == null) {
            byte[] b = new byte[16];
            new SecureRandom().nextBytes(b);
            session.setAttribute(TOKEN, HexFormat.of().formatHex(b));
        }
        model.put("token", session.getAttribute(TOKEN));
        model.put("lang", texts.lang());
        model.put("t", texts.method());
        model.put("fmt", texts);
        model.put("langLinks", langLinks(req));
        Object flash = session.getAttribute(FLASH);
        if (flash != null) {
            session.removeAttribute(FLASH);
            model.put("flash", flash);
        }
        model.put("entered", entered(session));
        shopper(req).flatMap(id -> store.customer(Long.parseLong(id))).ifPresent(c -> model.put("me", c));
        Map<String, Integer> cart = cart(session);
        List<Map<String, Object>> lines = new ArrayList<>();
        cart.forEach((sku, quantity) -> store.product(sku).ifPresent(p -> {
            Map<String, Object> m = new HashMap<>();
            m.put("product", p);
            m.put("quantity", quantity);
            m.put("amount", p.price() * quantity);
            lines.add(m);
        }));
        model.put("cartLines", lines);
        model.put("cartCount", cart.values().stream().mapToInt(Integer::intValue).sum());
        model.put("cartTotal", lines.stream().mapToLong(m -> (Long) m.get("amount")).sum());
        model.put("now", texts.dateTime(kizuna.context().clock().instant()));
        return model;
    }

    /** The same page in each language: the current path and query with {@code lang} set. */
    private static Map<String, String> langLinks(HttpServletRequest req) {
        StringBuilder query = new StringBuilder();
        Collections.list(req.getParameterNames()).stream()
                .filter(n -> !n.equals("lang") && !n.equals("_token") && "GET".equals(req.getMethod()))
                .forEach(n -> query.append(URLEncoder.encode(n, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(clip(req.getParameter(n)), StandardCharsets.UTF_8)).append('&'));
        Map<String, String> links = new LinkedHashMap<>();
        for (String l : ShopTexts.LANGUAGES) {
            links.put(l, req.getRequestURI() + "?" + query + "lang=" + l);
        }
        return links;
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

    /**
     * The shopper's language: {@code ?lang=} (kept in a cookie for the next pages), else the cookie, else the
     * first of Japanese or English the browser asks for, else Japanese.
     */
    private static ShopTexts texts(HttpServletRequest req, HttpServletResponse resp) {
        String asked = req.getParameter("lang");
        String lang = null;
        if (asked != null && ShopTexts.LANGUAGES.contains(asked)) {
            lang = asked;
            Cookie cookie = new Cookie(LANG_COOKIE, lang);
            cookie.setPath("/");
            cookie.setMaxAge(365 * 24 * 3600);
            cookie.setHttpOnly(true);
            cookie.setAttribute("SameSite", "Lax");
            resp.addCookie(cookie);
        }
        if (lang == null && req.getCookies() != null) {
            for (Cookie c : req.getCookies()) {
                if (LANG_COOKIE.equals(c.getName()) && ShopTexts.LANGUAGES.contains(c.getValue())) {
                    lang = c.getValue();
                }
            }
        }
        if (lang == null && req.getHeader("Accept-Language") != null) {
            lang = Collections.list(req.getLocales()).stream().map(Locale::getLanguage)
                    .filter(ShopTexts.LANGUAGES::contains).findFirst().orElse("ja");
        }
        return new ShopTexts("en".equals(lang) ? Locale.ENGLISH : Locale.JAPANESE, ShopHost.ZONE);
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
