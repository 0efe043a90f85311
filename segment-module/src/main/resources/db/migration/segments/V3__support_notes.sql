-- Support notes: a contact staff recorded with a customer. The text is FieldCipher ciphertext bound to the member;
-- a follow-up is due on a day by the assigned staff member (a console user name) until it is marked done.
CREATE TABLE support_note (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id          bigint      NOT NULL REFERENCES member (id),
    channel            text        NOT NULL CHECK (channel IN ('PHONE', 'MAIL', 'CHAT', 'STORE')),
    topic              text        NOT NULL CHECK (topic IN ('ORDER', 'DELIVERY', 'RETURN', 'POINTS', 'ACCOUNT',
                                                             'COMPLAINT', 'OTHER')),
    body               text        NOT NULL,
    follow_up_on       date,
    assigned_to        text,
    follow_up_done_at  timestamptz,
    created_by         text        NOT NULL,
    created_at         timestamptz NOT NULL,
    CHECK ((follow_up_on IS NULL) = (assigned_to IS NULL))
);
CREATE INDEX support_note_member ON support_note (member_id, created_at, id);
CREATE INDEX support_note_due ON support_note (assigned_to, follow_up_on)
    WHERE follow_up_on IS NOT NULL AND follow_up_done_at IS NULL;

-- The timeline reads a customer's newest touchpoints of each kind by time: behaviour events across their kinds and
-- orders by delivery and cancellation need ranges of their own.
CREATE INDEX behaviour_event_member_time ON behaviour_event (member_id, occurred_at, id);
CREATE INDEX order_summary_member_delivered ON order_summary (member_id, delivered_at) WHERE delivered_at IS NOT NULL;
CREATE INDEX order_summary_member_cancelled ON order_summary (member_id, cancelled_at) WHERE cancelled_at IS NOT NULL;
