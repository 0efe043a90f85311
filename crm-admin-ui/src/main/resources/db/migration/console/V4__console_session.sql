-- The console's sessions, so any node can serve a signed-in merchant: the browser holds a signed cookie naming a
-- random session id; the row (found by the id's SHA-256, so the table alone signs no one in) holds the user, role,
-- CSRF token, language, the one-time notice of the next page, and the times the lifetimes are judged by.
CREATE TABLE console_session (
    id_hash      bytea       PRIMARY KEY,
    username     text        NOT NULL,
    role         text        NOT NULL CHECK (role IN ('ADMIN', 'MARKETER', 'SUPPORT')),
    csrf_token   text        NOT NULL,
    via_host     boolean     NOT NULL,
    locale       text,
    flash_kind   text,
    flash_text   text,
    signed_in_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL
);
CREATE INDEX console_session_last_seen ON console_session (last_seen_at);
