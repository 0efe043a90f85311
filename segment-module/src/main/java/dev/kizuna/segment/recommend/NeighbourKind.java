package dev.kizuna.segment.recommend;

/** How two products are related in {@code product_neighbour}. */
public enum NeighbourKind {
    /** Bought in the same order. */
    BOUGHT_TOGETHER,
    /** Bought by a member after viewing the other product. */
    VIEWED_THEN_BOUGHT
}
