-- A coupon campaign's budget: a cap on the yen its discounts give (unit YEN) or the bonus points it grants (unit
-- POINTS), in total and per shop day. What it has given is counted from coupon_redemption (committed uses and live
-- reservations) under the campaign's row lock at each reservation, so concurrent checkouts never pass it.
CREATE TABLE coupon_budget (
    campaign_id bigint      PRIMARY KEY REFERENCES coupon_campaign (id),
    unit        text        NOT NULL CHECK (unit IN ('POINTS', 'YEN')),
    total_limit bigint      CHECK (total_limit > 0),
    daily_limit bigint      CHECK (daily_limit > 0),
    updated_at  timestamptz NOT NULL,
    updated_by  text        NOT NULL,
    CONSTRAINT coupon_budget_cap CHECK (total_limit IS NOT NULL OR daily_limit IS NOT NULL)
);
-- a day's spend reads the campaign's live uses reserved that day
CREATE INDEX coupon_redemption_budget ON coupon_redemption (campaign_id, reserved_at) INCLUDE (discount, bonus_points)
    WHERE status <> 'RELEASED';
