-- The merchant's definition of a regular customer, the last step of the journey funnel: a member with a third order
-- who is in one of these RFM segments today, or holds this rank or one above it. One row; the default counts the
-- default map's champions and loyal customers.
CREATE TABLE journey_regular (
    id            smallint    PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    rfm_segments  text[]      NOT NULL,
    rank_at_least text,
    updated_at    timestamptz NOT NULL,
    updated_by    text        NOT NULL
);
INSERT INTO journey_regular (rfm_segments, rank_at_least, updated_at, updated_by)
VALUES (ARRAY['champions', 'loyal'], NULL, now(), 'kizuna');
