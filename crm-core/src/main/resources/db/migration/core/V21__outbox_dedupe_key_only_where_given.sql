-- A mail without a dedupe key (a broadcast's, made once by its message's own unique key) has nothing to check, yet
-- the unique constraint kept an index entry for each of its nulls: a million entries per broadcast. The same
-- uniqueness, over the keys that exist.
CREATE UNIQUE INDEX mail_outbox_dedupe ON mail_outbox (dedupe_key) WHERE dedupe_key IS NOT NULL;
ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_dedupe_key_key;
