-- An adjustment's note is what the shopper reads in their history (sealed like the reason, which stays with the
-- staff: ledger and audit log). Entries written before have none and read as a plain "points adjustment".
ALTER TABLE points_entry ADD COLUMN note text;

-- The console's customers list sorted by available points reads a page from here.
CREATE INDEX points_account_available ON points_account (available DESC, member_id DESC);
