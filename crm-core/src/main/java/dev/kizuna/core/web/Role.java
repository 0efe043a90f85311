package dev.kizuna.core.web;

/** Console roles: admin (everything), marketer (configuration, no user admin), support (customers, adjustments). */
public enum Role {
    ADMIN, MARKETER, SUPPORT
}
