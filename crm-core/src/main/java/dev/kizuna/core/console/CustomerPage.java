package dev.kizuna.core.console;

import java.util.Map;

/**
 * The customer a 360° page shows, as its sections see it: the console request, the host's customer id and Kizuna's
 * member id, whether personal data is masked for the viewer, and the errors and values of a form a section posted
 * that is being shown again.
 */
public record CustomerPage(PageRequest request, String customerRef, long memberId, boolean masked, FormErrors errors,
                           Map<String, String> values) {

    /**
     * A section's template rendered with the page's common model and the customer's: {@code ref}, {@code refPath},
     * {@code masked}, and the {@code errors} and {@code values} of a refused form.
     */
    public String fragment(String template, Map<String, Object> model) {
        Map<String, Object> m = new java.util.HashMap<>(model);
        m.put("ref", customerRef);
        m.put("refPath", refPath());
        m.put("masked", masked);
        m.put("errors", errors.asMap());
        m.put("values", values);
        return request.fragment(template, m);
    }

    /** The customer's id as a path segment, for links and form actions. */
    public String refPath() {
        return java.net.URLEncoder.encode(customerRef, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
