-- Each side of a referral is rewarded with points or with a coupon of a campaign the merchant picks; a coupon is
-- valid for coupon_valid_days from its issue. The campaign is the coupons module's: no foreign key, since a shop may
-- run referrals without coupons (the program then cannot choose one).
ALTER TABLE referral_program
    ADD COLUMN referrer_reward      text   NOT NULL DEFAULT 'POINTS' CHECK (referrer_reward IN ('POINTS', 'COUPON')),
    ADD COLUMN referrer_campaign_id bigint,
    ADD COLUMN referred_reward      text   NOT NULL DEFAULT 'POINTS' CHECK (referred_reward IN ('POINTS', 'COUPON')),
    ADD COLUMN referred_campaign_id bigint,
    ADD COLUMN coupon_valid_days    int    NOT NULL DEFAULT 30 CHECK (coupon_valid_days BETWEEN 1 AND 365),
    ADD CHECK ((referrer_reward = 'COUPON') = (referrer_campaign_id IS NOT NULL)),
    ADD CHECK ((referred_reward = 'COUPON') = (referred_campaign_id IS NOT NULL));

-- The campaign whose coupon a rewarded referral gave each side (null: points, or nothing).
ALTER TABLE referral
    ADD COLUMN referrer_campaign_id bigint,
    ADD COLUMN referred_campaign_id bigint;
