-- A message names its member without a foreign key: members are never deleted (core V20's trigger), and checking
-- the key took a lock on the member's row for each of a broadcast's million messages.
ALTER TABLE message DROP CONSTRAINT message_member_id_fkey;
