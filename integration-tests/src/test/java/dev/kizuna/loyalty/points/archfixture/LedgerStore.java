package dev.kizuna.loyalty.points.archfixture;

/** A store other packages could call. */
public class LedgerStore {
}
