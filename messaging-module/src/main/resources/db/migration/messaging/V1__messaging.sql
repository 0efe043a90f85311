-- Messaging: consent per channel, messages sent (and held out), broadcasts, journeys and their entries.

-- What the customer said they want per channel; the latest statement wins (registration, account page, unsubscribe).
CREATE TABLE message_consent (
    member_id  bigint      NOT NULL REFERENCES member (id),
    channel    text        NOT NULL CHECK (channel IN ('MAIL', 'LINE')),
    granted    boolean     NOT NULL,
    source     text        NOT NULL CHECK (source IN ('HOST', 'PREFERENCES', 'UNSUBSCRIBE')),
    changed_at timestamptz NOT NULL,
    PRIMARY KEY (member_id, channel)
);
CREATE INDEX message_consent_granted ON message_consent (channel, member_id) WHERE granted;

-- Addresses the channel refused for good (an SMTP 5xx to the recipient): nothing is sent there again.
CREATE TABLE message_suppression (
    member_id  bigint      NOT NULL REFERENCES member (id),
    channel    text        NOT NULL CHECK (channel IN ('MAIL', 'LINE')),
    reason     text        NOT NULL CHECK (reason IN ('BOUNCED')),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (member_id, channel)
);

CREATE TABLE broadcast (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name               jsonb       NOT NULL,
    audience           jsonb       NOT NULL,
    channel            text        NOT NULL CHECK (channel IN ('MAIL', 'LINE')),
    purpose            text        NOT NULL CHECK (purpose IN ('MARKETING', 'TRANSACTIONAL')),
    subject            jsonb       NOT NULL,
    body               jsonb       NOT NULL,
    holdout_percent    int         NOT NULL CHECK (holdout_percent BETWEEN 0 AND 50),
    coupon_campaign_id bigint,
    coupon_valid_days  int         NOT NULL DEFAULT 30,
    conversion_days    int         NOT NULL DEFAULT 7,
    send_at            timestamptz,
    status             text        NOT NULL CHECK (status IN ('DRAFT', 'SCHEDULED', 'SENDING', 'SENT')),
    cursor_member      bigint      NOT NULL DEFAULT 0,     -- the send's keyset checkpoint
    total              bigint      NOT NULL DEFAULT 0,
    visited            bigint      NOT NULL DEFAULT 0,
    started_at         timestamptz,
    finished_at        timestamptz,
    created_at         timestamptz NOT NULL,
    created_by         text        NOT NULL
);

CREATE TABLE journey (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key             text        NOT NULL UNIQUE CHECK (key ~ '^[a-z][a-z0-9-]{0,39}$'),
    name            jsonb       NOT NULL,
    trigger         text        NOT NULL CHECK (trigger IN ('REGISTERED', 'FIRST_ORDER', 'ORDER_DELIVERED',
                                     'CART_ABANDONED', 'POINTS_EXPIRING', 'RANK_UP', 'RANK_AT_RISK', 'WIN_BACK',
                                     'BIRTHDAY_MONTH')),
    trigger_value   numeric,                 -- days before expiry, P(alive) threshold ...
    channel         text        NOT NULL CHECK (channel IN ('MAIL', 'LINE')),
    purpose         text        NOT NULL CHECK (purpose IN ('MARKETING', 'TRANSACTIONAL')),
    steps           jsonb       NOT NULL,
    exit_on_order   boolean     NOT NULL,
    holdout_percent int         NOT NULL CHECK (holdout_percent BETWEEN 0 AND 50),
    conversion_days int         NOT NULL DEFAULT 7,
    active          boolean     NOT NULL,
    updated_at      timestamptz NOT NULL
);

-- A customer's way through a journey. One ACTIVE entry per customer and journey; one entry per occasion ever
-- (the cart's event, the expiry date), so a retried event or a second run of the job enters no one twice.
CREATE TABLE journey_entry (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    journey_id  bigint      NOT NULL REFERENCES journey (id),
    member_id   bigint      NOT NULL REFERENCES member (id),
    occasion    text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('ACTIVE', 'DONE', 'EXITED')),
    holdout     boolean     NOT NULL,
    entered_at  timestamptz NOT NULL,
    next_step   int         NOT NULL,
    next_at     timestamptz,
    ended_at    timestamptz,
    UNIQUE (journey_id, member_id, occasion)
);
CREATE UNIQUE INDEX journey_entry_one_active ON journey_entry (journey_id, member_id) WHERE status = 'ACTIVE';
CREATE INDEX journey_entry_due ON journey_entry (next_at) WHERE status = 'ACTIVE';

-- Every message decided for a customer: sent, held out (the comparison group) or stopped by the frequency cap.
CREATE TABLE message (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id       bigint      NOT NULL REFERENCES member (id),
    source          text        NOT NULL CHECK (source IN ('BROADCAST', 'JOURNEY')),
    campaign_id     bigint      NOT NULL,               -- the broadcast or the journey
    entry_id        bigint      NOT NULL,               -- journey_entry (id); 0 for a broadcast
    step            int         NOT NULL,               -- a journey's step; 0 for a broadcast
    channel         text        NOT NULL CHECK (channel IN ('MAIL', 'LINE')),
    purpose         text        NOT NULL CHECK (purpose IN ('MARKETING', 'TRANSACTIONAL')),
    status          text        NOT NULL CHECK (status IN ('QUEUED', 'SENT', 'DELIVERED', 'FAILED', 'HOLDOUT', 'CAPPED')),
    outbox_id       bigint,                              -- mail_outbox (id) of a mail
    coupon_code     text,
    body            text,                                -- a LINE message's text until it is pushed
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    decided_at      timestamptz NOT NULL,
    delivered_at    timestamptz,
    clicked_at      timestamptz,
    unsubscribed_at timestamptz,
    UNIQUE (source, campaign_id, entry_id, step, member_id)
);
CREATE INDEX message_member ON message (member_id, decided_at);
CREATE INDEX message_campaign ON message (source, campaign_id, step);
CREATE INDEX message_outbox ON message (outbox_id) WHERE outbox_id IS NOT NULL;
CREATE INDEX message_line_due ON message (next_attempt_at) WHERE status = 'QUEUED';
