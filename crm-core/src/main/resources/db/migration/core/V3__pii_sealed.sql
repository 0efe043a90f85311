-- Personal data sealed at rest. member.email, display_name, phone and birth_date hold AES-GCM ciphertext
-- (FieldCipher, bound to the column and the customer); lookups go through keyed blind indexes (HMAC-SHA256 under the
-- index key, never stored here). Rows written before this migration keep their clear e-mail and name until the
-- pii-key-rotation job seals them (readers accept both until then); the clear birth month-day is dropped at once,
-- its blind index is computed by the same job from the encrypted birth date.
ALTER TABLE member
    ADD COLUMN phone          text,      -- AES-GCM ciphertext
    ADD COLUMN email_index    bytea,     -- HMAC of the trimmed, lower-cased e-mail
    ADD COLUMN phone_index    bytea,     -- HMAC of the phone's digits
    ADD COLUMN birthday_index bytea,     -- HMAC of MMDD, what the birthday job selects by
    ADD COLUMN index_key      text;      -- id of the index key the indexes and name tokens were computed with
DROP INDEX member_email;
DROP INDEX member_birth_month_day;
ALTER TABLE member DROP COLUMN birth_month_day;
COMMENT ON COLUMN member.email IS 'AES-GCM ciphertext (PII)';
COMMENT ON COLUMN member.display_name IS 'AES-GCM ciphertext (PII)';
CREATE INDEX member_email_index ON member (email_index) WHERE email_index IS NOT NULL;
CREATE INDEX member_phone_index ON member (phone_index) WHERE phone_index IS NOT NULL;
CREATE INDEX member_birthday_index ON member (birthday_index) WHERE erased_at IS NULL AND birthday_index IS NOT NULL;

-- Name search: the HMAC of every normalised prefix (up to 8 characters) of each part of a member's name.
CREATE TABLE member_name_token (
    token     bytea  NOT NULL,
    member_id bigint NOT NULL REFERENCES member (id),
    PRIMARY KEY (token, member_id)
);
CREATE INDEX member_name_token_member ON member_name_token (member_id);

-- Customer events and searches are sealed field by field in their payload (the person's data, the typed query);
-- erasure and key rotation find them by customer.
CREATE INDEX event_inbox_customer ON event_inbox ((payload ->> 'customerId'))
    WHERE event_type IN ('CustomerRegistered', 'CustomerUpdated', 'SearchPerformed');

-- What a shopper typed into the shop's search box is free text: AES-GCM ciphertext (only result counts are read).
COMMENT ON COLUMN behaviour_event.query IS 'AES-GCM ciphertext (free text)';

-- The mail outbox: to_address, subject, body_html and last_error are ciphertext; a sent or dead mail is blanked
-- after the retention period (purged_at), its row kept so its dedupe key still holds.
ALTER TABLE mail_outbox ADD COLUMN purged_at timestamptz;
CREATE INDEX mail_outbox_member ON mail_outbox (member_id);
CREATE INDEX mail_outbox_finished ON mail_outbox (coalesce(sent_at, created_at))
    WHERE status IN ('SENT', 'DEAD') AND purged_at IS NULL;

-- An audit entry about a customer keeps its before/after sealed (a JSON string of ciphertext); rotation and the
-- console find a customer's entries by subject.
CREATE INDEX audit_log_subject ON audit_log (subject, id DESC);
