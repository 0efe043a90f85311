package dev.kizuna.loyalty.rank;

/**
 * What a member did within the qualification window, the facts a rank is judged on.
 *
 * @param points points earned (confirmed earnings less reversals of confirmed earnings)
 * @param orders orders whose net earned points in the window are positive
 * @param spend  merchandise total less returns of the member's non-cancelled orders submitted in the window, in
 *               minor units of the shop currency
 */
public record QualifyingFigures(long points, long orders, long spend) {
    public static final QualifyingFigures NONE = new QualifyingFigures(0, 0, 0);
}
