-- The customer timeline shows each return as the host reported it: a member's orders that came back, joined to
-- their OrderReturned events in the inbox by the order's id.
CREATE INDEX order_summary_member_returned ON order_summary (member_id)
    WHERE status IN ('RETURNED', 'PARTIALLY_RETURNED');
CREATE INDEX event_inbox_order_returned ON event_inbox ((payload ->> 'orderId')) WHERE event_type = 'OrderReturned';
