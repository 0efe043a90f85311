-- Kizuna's kernel: event inbox, the mirror of host customers and orders, jobs, mail outbox, audit log.

-- Every host event, stored once by its host-unique id: the idempotency key of every handler.
CREATE TABLE event_inbox (
    event_id        text PRIMARY KEY,
    event_type      text        NOT NULL,
    provides        text,                      -- subject this event brings into existence, e.g. order:123
    requires        text,                      -- subject that must exist first; else the event is parked
    payload         jsonb       NOT NULL,
    occurred_at     timestamptz NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT now(),
    status          text        NOT NULL CHECK (status IN ('RECEIVED','DONE','PARKED','FAILED')),
    attempts        int         NOT NULL DEFAULT 0,
    last_error      text,
    next_attempt_at timestamptz,
    processed_at    timestamptz
);
CREATE INDEX event_inbox_provides ON event_inbox (provides) WHERE provides IS NOT NULL AND status = 'DONE';
CREATE INDEX event_inbox_parked ON event_inbox (requires) WHERE status = 'PARKED';
CREATE INDEX event_inbox_failed ON event_inbox (next_attempt_at) WHERE status = 'FAILED';

-- Kizuna's own copy of what it needs from the host, so jobs never call back into the host.
CREATE TABLE member (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_ref  text        NOT NULL UNIQUE,   -- the host's customer id
    email         text,
    display_name  text,
    birth_date    text,                          -- AES-GCM ciphertext (PII)
    birth_month_day int,                         -- MMDD, kept in clear so the birthday job can select by date
    locale        text        NOT NULL DEFAULT 'ja',
    consents      jsonb       NOT NULL DEFAULT '{}',
    registered_at timestamptz,
    erased_at     timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX member_birth_month_day ON member (birth_month_day) WHERE erased_at IS NULL;
CREATE INDEX member_email ON member (lower(email));

CREATE TABLE order_summary (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_ref        text        NOT NULL UNIQUE,   -- the host's order id
    member_id        bigint      REFERENCES member (id),
    currency         char(3)     NOT NULL,
    channel          text        NOT NULL,
    merchandise_total bigint     NOT NULL,          -- minor units, after line discounts
    discount_total   bigint      NOT NULL,
    shipping_total   bigint      NOT NULL,
    tax_total        bigint      NOT NULL,
    points_redeemed  bigint      NOT NULL,
    grand_total      bigint      NOT NULL,
    coupon_code      text,
    status           text        NOT NULL CHECK (status IN ('SUBMITTED','DELIVERED','CANCELLED','RETURNED','PARTIALLY_RETURNED')),
    submitted_at     timestamptz NOT NULL,
    delivered_at     timestamptz,
    cancelled_at     timestamptz,
    returned_total   bigint      NOT NULL DEFAULT 0
);
CREATE INDEX order_summary_member ON order_summary (member_id, submitted_at);

CREATE TABLE order_line (
    order_id   bigint  NOT NULL REFERENCES order_summary (id),
    line_no    int     NOT NULL,
    sku        text    NOT NULL,
    category   text,
    quantity   int     NOT NULL CHECK (quantity > 0),
    unit_price bigint  NOT NULL CHECK (unit_price >= 0),
    discount   bigint  NOT NULL DEFAULT 0,
    returned_quantity int NOT NULL DEFAULT 0,
    PRIMARY KEY (order_id, line_no)
);

-- Behaviour events, kept for behavioural segments (cart abandoners, viewers who did not buy ...).
CREATE TABLE behaviour_event (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id   bigint REFERENCES member (id),
    kind        text        NOT NULL,
    sku         text,
    category    text,
    query       text,
    result_count int,
    value       bigint,
    occurred_at timestamptz NOT NULL
);
CREATE INDEX behaviour_event_member ON behaviour_event (member_id, kind, occurred_at);

-- One row per job run: progress, checkpoint (for resume after a crash) and outcome.
CREATE TABLE job_run (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_name     text        NOT NULL,
    node_id      text        NOT NULL,
    trigger_kind text        NOT NULL,
    request_id   text,
    status       text        NOT NULL CHECK (status IN ('RUNNING','SUCCEEDED','FAILED')),
    as_of        timestamptz NOT NULL,            -- the shop clock the run judges by; kept across a resume
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    done         bigint      NOT NULL DEFAULT 0,
    total        bigint      NOT NULL DEFAULT 0,
    checkpoint   text,
    resumed      int         NOT NULL DEFAULT 0,
    outcome      text,
    error        text
);
CREATE INDEX job_run_job ON job_run (job_name, id DESC);
CREATE UNIQUE INDEX job_run_request ON job_run (request_id) WHERE request_id IS NOT NULL;

-- Every mail is written here in the transaction that caused it; the mail-delivery job sends it.
CREATE TABLE mail_outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dedupe_key      text UNIQUE,
    member_id       bigint REFERENCES member (id),
    to_address      text        NOT NULL,
    locale          text        NOT NULL,
    template        text        NOT NULL,
    subject         text        NOT NULL,
    body_html       text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('PENDING','SENT','FAILED','DEAD')),
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status IN ('PENDING','FAILED');

-- Who changed what in the console or admin API, with before/after.
CREATE TABLE audit_log (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    actor      text        NOT NULL,
    action     text        NOT NULL,
    subject    text,
    before     jsonb,
    after      jsonb
);
CREATE INDEX audit_log_at ON audit_log (at DESC);
