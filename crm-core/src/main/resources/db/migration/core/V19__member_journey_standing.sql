-- The journey reports (funnel and retention cohorts) read one row per member instead of sorting the shop's orders:
-- the first order not cancelled, its channel and main category (its line of the largest amount), and the times of the orders they need (the first three and every one
-- within 400 days of the first), kept by the mirror beside spend and last_order_at (MemberStanding).
ALTER TABLE member ADD COLUMN first_order_id bigint, ADD COLUMN first_order_channel text,
                   ADD COLUMN first_order_category text, ADD COLUMN order_times bigint[];

UPDATE member m SET first_order_id = s.first_id, first_order_channel = s.first_channel, order_times = s.times
FROM (SELECT member_id, (array_agg(id ORDER BY k))[1] AS first_id, (array_agg(channel ORDER BY k))[1] AS first_channel,
             array_agg(extract(epoch FROM submitted_at)::bigint ORDER BY k)
                 FILTER (WHERE k <= 3 OR submitted_at < first_at + interval '400 days') AS times
      FROM (SELECT member_id, id, channel, submitted_at,
                   row_number() OVER (PARTITION BY member_id ORDER BY submitted_at, id) AS k,
                   min(submitted_at) OVER (PARTITION BY member_id) AS first_at
            FROM order_summary WHERE status <> 'CANCELLED' AND member_id IS NOT NULL) x
      GROUP BY member_id) s
WHERE m.id = s.member_id;

UPDATE member m SET first_order_category = (
    SELECT l.category FROM order_line l WHERE l.order_id = m.first_order_id
    ORDER BY l.quantity * l.unit_price - l.discount DESC, l.line_no LIMIT 1)
WHERE m.first_order_id IS NOT NULL;
