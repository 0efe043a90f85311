-- Coupon code guessing is slowed by a back-off per shopper, per client address and per code prefix
-- (dev.kizuna.core.throttle.Throttle), counted under the key's row lock before a code is looked up. It replaces
-- the sliding window of failed attempts, which counted after the lookup and let parallel guesses past its limit.
DROP TABLE coupon_failed_attempt;

CREATE TABLE coupon_guess_throttle (
    key             text        PRIMARY KEY,   -- shopper:<customer id>, address:<client address> or prefix:<4 characters>
    failures        int         NOT NULL CHECK (failures >= 0),
    last_failure_at timestamptz,
    blocked_until   timestamptz
);
