/** Stores that break the boundary rules on purpose (see {@code dev.kizuna.loyalty.archfixture}). */
package dev.kizuna.loyalty.points.archfixture;
