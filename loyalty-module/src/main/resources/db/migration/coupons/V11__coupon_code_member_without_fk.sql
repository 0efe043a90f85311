-- A coupon code names its member without a foreign key: members are never deleted (core V20's trigger), and
-- checking the key took a lock on the member's row for each code a broadcast issues. The campaign keeps its key.
ALTER TABLE coupon_code DROP CONSTRAINT coupon_code_member_id_fkey;
