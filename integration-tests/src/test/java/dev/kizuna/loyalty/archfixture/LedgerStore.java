package dev.kizuna.loyalty.archfixture;

/** A store other packages could call. */
public class LedgerStore {
}
