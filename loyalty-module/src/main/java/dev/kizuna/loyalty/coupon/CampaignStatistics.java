package dev.kizuna.loyalty.coupon;

/**
 * What a campaign has done so far: codes issued, uses held by open orders (reserved, not expired), uses committed
 * and what they gave and brought in (minor units), and bonus points granted. Uses given back are not counted.
 */
public record CampaignStatistics(long codesIssued, long reserved, long redeemed, long discountGiven, long revenue,
                                 long bonusPointsGiven) {
}
