package dev.kizuna.core.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@code /crm/assets/*}: the console's and shopper views' CSS, JS and SVG from the classpath ({@code kizuna/assets/}),
 * so nothing comes from a CDN and the strict CSP ({@code 'self'} only) holds. Pages link assets with their content
 * hash ({@link #url}), which may then be cached for a year; a link without the hash revalidates with its ETag.
 */
public final class AssetServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String ROOT = "kizuna/assets/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*\\.(css|js|svg|png|ico|woff2)");
    private static final Map<String, String> TYPES = Map.of(
            "css", "text/css; charset=UTF-8",
            "js", "text/javascript; charset=UTF-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "woff2", "font/woff2");
    private static final Map<String, Optional<Asset>> CACHE = new ConcurrentHashMap<>();

    record Asset(byte[] bytes, String type, String hash) {
    }

    /** The link for an asset, e.g. {@code url("/shop", "console/console.css")}, carrying its content hash. */
    public static String url(String contextPath, String name) {
        Asset a = load(name).orElseThrow(() -> new IllegalArgumentException("no asset " + name));
        return contextPath + CrmPaths.ASSETS + "/" + name + "?v=" + a.hash();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = Optional.ofNullable(req.getPathInfo()).map(p -> p.substring(1)).orElse("");
        Optional<Asset> asset = NAME.matcher(name).matches() ? load(name) : Optional.empty();
        if (asset.isEmpty()) {
            resp.setHeader("Cache-Control", "no-store");
            resp.sendError(404);
            return;
        }
        Asset a = asset.get();
        String etag = "\"" + a.hash() + "\"";
        resp.setHeader("ETag", etag);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Cache-Control", a.hash().equals(req.getParameter("v"))
                ? "public, max-age=31536000, immutable" : "public, max-age=300, must-revalidate");
        if (etag.equals(req.getHeader("If-None-Match"))) {
            resp.setStatus(304);
            return;
        }
        resp.setContentType(a.type());
        resp.setContentLength(a.bytes().length);
        resp.getOutputStream().write(a.bytes());
    }

    static Optional<Asset> load(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            try (InputStream in = AssetServlet.class.getClassLoader().getResourceAsStream(ROOT + n)) {
                if (in == null) {
                    return Optional.empty();
                }
                byte[] bytes = in.readAllBytes();
                String ext = n.substring(n.lastIndexOf('.') + 1);
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
                return Optional.of(new Asset(bytes, TYPES.get(ext), HexFormat.of().formatHex(digest, 0, 8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
