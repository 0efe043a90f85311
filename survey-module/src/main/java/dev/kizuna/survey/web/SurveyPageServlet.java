package dev.kizuna.survey.web;

import dev.kizuna.core.web.PageRoutes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET/POST /crm/survey/<token>}: the survey page behind an invitation link, mounted by the survey module in
 * core {@link PageRoutes} under the segment {@code survey} (the container's page dispatcher passes the path after
 * the segment in {@link PageRoutes#SUB_PATH_ATTRIBUTE}; mounted directly at {@code /crm/survey/*} it reads the path
 * info instead). No login: the signed link is the permission. All logic is in {@link SurveyPage}.
 */
public final class SurveyPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient SurveyPage page;

    public SurveyPageServlet(SurveyPage page) {
        this.page = page;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        write(resp, page.show(token(req), req.getParameter("lang"), req.getContextPath()));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        // before the first parameter is read: Japanese free text arrives as UTF-8
        req.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Map<String, List<String>> form = new LinkedHashMap<>();
        req.getParameterMap().forEach((name, values) -> form.put(name, Arrays.asList(values)));
        write(resp, page.submit(token(req), form, req.getContextPath()));
    }

    private static String token(HttpServletRequest req) {
        String path = Optional.ofNullable(req.getAttribute(PageRoutes.SUB_PATH_ATTRIBUTE)).map(Object::toString)
                .orElseGet(() -> Optional.ofNullable(req.getPathInfo()).orElse("/"));
        String token = path.startsWith("/") ? path.substring(1) : path;
        // anything with a further path is not a link we sent; the page refuses it as malformed
        return token.contains("/") ? "" : token;
    }

    private static void write(HttpServletResponse resp, SurveyPage.Page p) throws IOException {
        resp.setStatus(p.status());
        resp.setContentType("text/html;charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("X-Robots-Tag", "noindex");
        byte[] body = p.html().getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
