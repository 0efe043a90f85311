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
