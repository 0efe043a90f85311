package dev.kizuna.core.console;

import dev.kizuna.core.web.AssetServlet;

/** Links to {@code /crm/assets/*} with their content hash, for templates: {@code ${assets.url("console/console.css")}}. */
public final class Assets {
    private final String contextPath;

    public Assets(String contextPath) {
        this.contextPath = contextPath;
    }

    public String url(String name) {
        return AssetServlet.url(contextPath, name);
    }
}
