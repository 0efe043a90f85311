package dev.kizuna.loyalty.archfixture;

/** A domain record holding a JDBC type. */
public record ExpiryWithJdbcTimestamp(java.sql.Timestamp at) {
}
