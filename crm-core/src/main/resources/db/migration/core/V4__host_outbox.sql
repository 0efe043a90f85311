-- Events a host that shares this database appends inside its own transaction (HostOutbox.append): they exist
-- exactly when the host's commit does. The relay takes committed rows in id order, hands them to the inbox in its
-- own transaction and deletes them there, so each is applied once (the inbox is keyed by event id).
CREATE TABLE host_outbox (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id    text        NOT NULL,
    event_type  text        NOT NULL,
    subject     text,                    -- the order:<id> the event provides or requires (no PII), for hold release
    payload     text        NOT NULL,    -- the event's JSON sealed as a whole by FieldCipher (AES-GCM)
    appended_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX host_outbox_subject ON host_outbox (subject) WHERE subject IS NOT NULL;
CREATE INDEX host_outbox_event ON host_outbox (event_id);

-- An event Kizuna refuses as impossible (a return of more units than were bought) is parked REJECTED with its
-- reason: no retry can apply it.
ALTER TABLE event_inbox DROP CONSTRAINT event_inbox_status_check;
ALTER TABLE event_inbox ADD CONSTRAINT event_inbox_status_check
    CHECK (status IN ('RECEIVED', 'DONE', 'PARKED', 'FAILED', 'REJECTED'));
