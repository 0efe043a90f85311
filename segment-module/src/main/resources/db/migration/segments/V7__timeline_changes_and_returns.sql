-- Account changes for the customer timeline: the names of the fields each host update changed (EMAIL, NAME, PHONE,
-- BIRTH_DATE, LOCALE, CONSENTS), judged against the member before the update; never the values themselves.
CREATE TABLE profile_change (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id  bigint      NOT NULL REFERENCES member (id),
    changed_at timestamptz NOT NULL,
    fields     text[]      NOT NULL CHECK (cardinality(fields) > 0
                   AND fields <@ ARRAY['EMAIL', 'NAME', 'PHONE', 'BIRTH_DATE', 'LOCALE', 'CONSENTS']::text[])
);
CREATE INDEX profile_change_member ON profile_change (member_id, changed_at, id);

-- Returns for the customer timeline: one row per OrderReturned the mirror applied, with the member and the units that
-- came back, so a page reads them by (member, time) like every other kind; returns applied before this migration are
-- taken from the inbox.
CREATE TABLE order_return (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id    text        NOT NULL UNIQUE,
    member_id   bigint      NOT NULL REFERENCES member (id),
    order_id    bigint      NOT NULL REFERENCES order_summary (id),
    returned_at timestamptz NOT NULL,
    units       bigint      NOT NULL
);
CREATE INDEX order_return_member ON order_return (member_id, returned_at, id);

INSERT INTO order_return (event_id, member_id, order_id, returned_at, units)
SELECT e.event_id, o.member_id, o.id, e.occurred_at,
       (SELECT coalesce(sum((l ->> 'quantity')::bigint), 0) FROM jsonb_array_elements(e.payload -> 'lines') l)
FROM event_inbox e JOIN order_summary o ON o.order_ref = e.payload ->> 'orderId'
WHERE e.event_type = 'OrderReturned' AND e.status = 'DONE' AND o.member_id IS NOT NULL;
