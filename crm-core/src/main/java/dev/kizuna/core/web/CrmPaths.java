package dev.kizuna.core.web;

/** Where Kizuna lives in the host's web app: everything under {@code /crm}. */
public final class CrmPaths {
    public static final String ROOT = "/crm";
    public static final String API = ROOT + "/api";
    public static final String CONSOLE = ROOT + "/admin";
    public static final String ASSETS = ROOT + "/assets";

    private CrmPaths() {
    }
}
