-- Names and e-mails are ciphertext now: the console searches by the core's blind indexes, so its prefix indexes
-- over the clear columns go.
DROP INDEX console_member_email_prefix;
DROP INDEX console_member_name_prefix;
