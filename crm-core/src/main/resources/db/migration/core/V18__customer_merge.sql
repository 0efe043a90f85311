-- Duplicate customers merged onto a survivor. A merged member is kept (its orders, ledger and answers have moved to
-- the survivor; its row stays so the host's id still resolves to "merged into …"), marked by merged_into.
ALTER TABLE member
    ADD COLUMN merged_into      bigint REFERENCES member (id),
    ADD COLUMN merged_at        timestamptz,
    -- HMAC of the normalised whole name and the birth date (under the index key), what duplicates are found by
    ADD COLUMN name_birth_index bytea,
    -- the host's own hash of the postal address (CustomerRegistered.addressHash), compared as given
    ADD COLUMN address_hash     text,
    ADD CONSTRAINT member_not_merged_into_itself CHECK (merged_into IS NULL OR merged_into <> id);
CREATE INDEX member_name_birth_index ON member (name_birth_index) WHERE name_birth_index IS NOT NULL;
CREATE INDEX member_address_hash ON member (address_hash) WHERE address_hash IS NOT NULL;
CREATE INDEX member_merged_into ON member (merged_into) WHERE merged_into IS NOT NULL;

-- The address hashes of registrations applied before this migration, from the inbox (the field is not sealed there).
UPDATE member m SET address_hash = i.payload ->> 'addressHash'
FROM event_inbox i
WHERE i.event_type = 'CustomerRegistered' AND i.status = 'DONE' AND i.payload ->> 'customerId' = m.customer_ref
  AND i.payload ->> 'addressHash' IS NOT NULL AND m.erased_at IS NULL;

-- One row per merge: who survived, who was merged, by whom (staff or the host's CustomerMerged event) and how many
-- rows each participant moved. A member is merged at most once.
CREATE TABLE member_merge (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    survivor_id bigint      NOT NULL REFERENCES member (id),
    merged_id   bigint      NOT NULL UNIQUE REFERENCES member (id),
    source      text        NOT NULL CHECK (source IN ('STAFF', 'HOST')),
    actor       text        NOT NULL,
    event_id    text,
    merged_at   timestamptz NOT NULL,
    moved       jsonb       NOT NULL
);
CREATE INDEX member_merge_survivor ON member_merge (survivor_id);
