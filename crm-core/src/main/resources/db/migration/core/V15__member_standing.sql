-- What the customers list sorts by without visiting every member's orders: spend (merchandise net of returns, orders
-- not cancelled) and the last such order, kept by the mirror beside each order change; registration gets its index.
ALTER TABLE member ADD COLUMN spend bigint NOT NULL DEFAULT 0, ADD COLUMN last_order_at timestamptz;

UPDATE member m SET spend = s.spend, last_order_at = s.last_order_at
FROM (SELECT member_id, sum(merchandise_total - returned_total) AS spend, max(submitted_at) AS last_order_at
      FROM order_summary WHERE status <> 'CANCELLED' AND member_id IS NOT NULL GROUP BY member_id) s
WHERE m.id = s.member_id;

CREATE INDEX member_list_spend ON member (spend DESC, id DESC);
CREATE INDEX member_list_last_order ON member (last_order_at DESC, id DESC) WHERE last_order_at IS NOT NULL;
CREATE INDEX member_list_registered ON member (registered_at DESC, id DESC) WHERE registered_at IS NOT NULL;
