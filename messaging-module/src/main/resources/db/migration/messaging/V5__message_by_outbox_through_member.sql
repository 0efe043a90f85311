-- The delivery job asks for a mail's message with the mail's member, so the message is found among that member's
-- (message_member). An index by outbox id only served that look-up, and each of a broadcast's million messages paid
-- for its entry.
DROP INDEX message_outbox;
