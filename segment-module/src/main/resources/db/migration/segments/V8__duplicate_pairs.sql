-- Likely duplicate customers, found by the customer-duplicates job: a pair of members (lower id first) with what
-- they share. Staff merge a pair (MERGED) or dismiss it (DISMISSED); a dismissed pair stays dismissed when a later run
-- finds it again, an open pair whose evidence is gone is dropped.
CREATE TABLE duplicate_pair (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    first_id   bigint      NOT NULL REFERENCES member (id),
    second_id  bigint      NOT NULL REFERENCES member (id),
    evidence   text[]      NOT NULL CHECK (cardinality(evidence) > 0
                                           AND evidence <@ ARRAY['EMAIL', 'PHONE', 'NAME_AND_BIRTH_DATE', 'ADDRESS']),
    status     text        NOT NULL CHECK (status IN ('OPEN', 'DISMISSED', 'MERGED')),
    found_at   timestamptz NOT NULL,
    seen_at    timestamptz NOT NULL,
    decided_at timestamptz,
    decided_by text,
    UNIQUE (first_id, second_id),
    CHECK (first_id < second_id)
);
CREATE INDEX duplicate_pair_open ON duplicate_pair (found_at DESC, id DESC) WHERE status = 'OPEN';
CREATE INDEX duplicate_pair_second ON duplicate_pair (second_id);
