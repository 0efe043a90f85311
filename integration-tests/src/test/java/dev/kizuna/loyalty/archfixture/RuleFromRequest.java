package dev.kizuna.loyalty.archfixture;

/** Domain code reading a servlet request. */
public class RuleFromRequest {
    public String rate(jakarta.servlet.http.HttpServletRequest request) {
        return request.getParameter("rate");
    }
}
