package dev.kizuna.loyalty.points.archfixture;

/** A public store that only its own package uses. */
public class OrphanStore {
}
