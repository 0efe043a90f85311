-- The merchant console's own data: its users (Argon2id hashes) and the login attempts behind the lockout.

CREATE TABLE console_user (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username            text        NOT NULL CHECK (username = lower(username) AND length(username) BETWEEN 1 AND 64),
    display_name        text,
    password_hash       text        NOT NULL,           -- PHC string, $argon2id$...
    role                text        NOT NULL CHECK (role IN ('ADMIN','MARKETER','SUPPORT')),
    locale              text        NOT NULL DEFAULT 'ja' CHECK (locale IN ('ja','en')),
    disabled            boolean     NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    password_changed_at timestamptz NOT NULL,
    last_login_at       timestamptz
);
CREATE UNIQUE INDEX console_user_username ON console_user (username);

-- Every sign-in attempt, known user or not (the lockout must not tell which names exist).
CREATE TABLE console_login_attempt (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username       text        NOT NULL,
    client_address text        NOT NULL,
    attempted_at   timestamptz NOT NULL,
    succeeded      boolean     NOT NULL
);
CREATE INDEX console_login_attempt_user ON console_login_attempt (username, attempted_at DESC);
CREATE INDEX console_login_attempt_address ON console_login_attempt (client_address, attempted_at DESC) WHERE NOT succeeded;

-- Customer search by name and e-mail prefix (core indexes lower(email) for equality only): the console's query,
-- so the console owns the index.
CREATE INDEX console_member_email_prefix ON member (lower(email) text_pattern_ops);
CREATE INDEX console_member_name_prefix ON member (lower(display_name) text_pattern_ops);
