-- The customers list's rank sort on member itself, like spend and last_order_at: the level of the rank the member
-- holds (0, the base rank, until the ranks feature records a higher one). The ranks feature keeps it where it writes
-- a member's rank and backfills it in its own migration; without that feature every member stays at 0.
-- A fast default: adding the column rewrites no row.
ALTER TABLE member ADD COLUMN rank_level int NOT NULL DEFAULT 0;

CREATE INDEX member_list_rank ON member (rank_level DESC, id DESC);
