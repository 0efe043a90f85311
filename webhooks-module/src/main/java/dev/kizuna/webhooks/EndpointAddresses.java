package dev.kizuna.webhooks;

import dev.kizuna.core.errors.InvalidInput;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SSRF guard: an endpoint must be an absolute HTTPS URL (plain HTTP only where private addresses are allowed)
 * whose host resolves only to public addresses. Loopback, private (10/8, 172.16/12, 192.168/16, 100.64/10) and
 * unique-local (fc00::/7) addresses are refused unless the operator allows private addresses; link-local
 * (169.254/16 with the cloud metadata service, fe80::/10), unspecified, multicast and broadcast addresses are refused
 * always. Checked when a subscription is saved and again, on the addresses resolved then, before every delivery
 * (a name may point elsewhere by now).
 */
public final class EndpointAddresses {
    public static final int MAX_URL_LENGTH = 2_000;

    /** Resolves a host name; tests of the rules give their own. */
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    public EndpointAddresses(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    public static EndpointAddresses system(boolean allowPrivate) {
        return new EndpointAddresses(allowPrivate, host -> List.of(InetAddress.getAllByName(host)));
    }

    /** The endpoint as a URI, or an {@link InvalidInput} on {@code field} saying why it is refused. */
    public URI check(String field, String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidInput(field, "required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new InvalidInput(field, "too-long", MAX_URL_LENGTH);
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new InvalidInput(field, "webhook.url-invalid");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null
                || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new InvalidInput(field, "webhook.url-invalid");
        }
        if (scheme.equals("http") && !allowPrivate) {
            throw new InvalidInput(field, "webhook.url-not-https");
        }
        refusal(uri).ifPresent(reason -> {
            throw new InvalidInput(field, "webhook.address-refused", reason);
        });
        return uri;
    }

    /** Why a delivery to this endpoint must not go out now (its host resolves to a refused address), if it must not. */
    public Optional<String> refusal(URI uri) {
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Optional.of("unknown host");
        }
        if (addresses.isEmpty()) {
            return Optional.of("unknown host");
        }
        for (InetAddress a : addresses) {
            Optional<String> r = refusal(a, allowPrivate);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    /** The rule for one address. */
    static Optional<String> refusal(InetAddress a, boolean allowPrivate) {
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address && isMappedIpv4(b)) {
            try {
                return refusal(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}), allowPrivate);
            } catch (UnknownHostException e) {
                return Optional.of("invalid address");
            }
        }
        if (a.isAnyLocalAddress() || a.isMulticastAddress() || a.isLinkLocalAddress()
                || (a instanceof Inet4Address && ((b[0] & 0xff) == 0 || (b[0] & 0xff) == 255 && (b[3] & 0xff) == 255))) {
            return Optional.of(a.getHostAddress() + " is link-local, unspecified or multicast");
        }
        boolean privateRange = a.isLoopbackAddress() || a.isSiteLocalAddress()
                || (a instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64)
                || (a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc);
        if (privateRange && !allowPrivate) {
            return Optional.of(a.getHostAddress() + " is a private or loopback address");
        }
        return Optional.empty();
    }

    private static boolean isMappedIpv4(byte[] b) {
        if (b.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
