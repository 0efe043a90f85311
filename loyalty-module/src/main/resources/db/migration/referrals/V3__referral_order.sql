-- Deliveries, cancellations and returns look a referral up by the referred member's order.
CREATE INDEX referral_order ON referral (order_ref) WHERE order_ref IS NOT NULL;
