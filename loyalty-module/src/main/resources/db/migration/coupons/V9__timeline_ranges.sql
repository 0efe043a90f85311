-- The customer timeline reads a member's newest coupons issued and coupon uses paid, by time: each needs a range of
-- its own (the member's codes were only reachable by member, their uses only by order or code).
CREATE INDEX coupon_code_member_issued ON coupon_code (member_id, created_at) WHERE member_id IS NOT NULL;
CREATE INDEX coupon_redemption_member_committed ON coupon_redemption (member_id, committed_at)
    WHERE status = 'COMMITTED' AND member_id IS NOT NULL;
