-- The part of an order's discount that is the member price of the shopper's rank (the rest is the coupon's), so
-- the order page shows each on its own line; discount stays the whole of what was taken off the merchandise.
ALTER TABLE shop_order ADD COLUMN member_discount bigint NOT NULL DEFAULT 0 CHECK (member_discount >= 0);
