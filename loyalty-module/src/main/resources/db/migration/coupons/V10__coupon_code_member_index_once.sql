-- Codes by member are found through coupon_code_member_issued (member_id, created_at), which has the same condition
-- and leading column: coupon_code_member only repeated it, and every code issued paid for both (a broadcast with a
-- coupon issues one per recipient).
DROP INDEX coupon_code_member;
