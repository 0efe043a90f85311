-- A rank's member price: a percent off every line, and per category a percent of its own (jsonb object of
-- category to percent). The defaults give Gold and above the 2–5 % member prices Japanese shops give by rank;
-- a merchant's own ladder (other codes) starts with none.
ALTER TABLE rank_definition
    ADD COLUMN member_discount_percent integer NOT NULL DEFAULT 0
        CHECK (member_discount_percent BETWEEN 0 AND 100),
    ADD COLUMN member_discount_by_category jsonb NOT NULL DEFAULT '{}'::jsonb
        CHECK (jsonb_typeof(member_discount_by_category) = 'object');

UPDATE rank_definition SET member_discount_percent = 3 WHERE code = 'GOLD';
UPDATE rank_definition SET member_discount_percent = 4 WHERE code = 'PLATINUM';
UPDATE rank_definition SET member_discount_percent = 5 WHERE code = 'DIAMOND';
