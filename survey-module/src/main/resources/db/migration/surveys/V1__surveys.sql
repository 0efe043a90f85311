-- Surveys after delivery (definitions, versions, invitations, responses) and progressive profiling.
-- Free-text answers and PII profile answers are AES-GCM ciphertext (FieldCipher), never plain text.

-- A survey the merchant builds. The draft is what the builder edits; shoppers only ever see a published version.
CREATE TABLE survey (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code                text        NOT NULL UNIQUE,
    name                text        NOT NULL,
    status              text        NOT NULL CHECK (status IN ('DRAFT','ACTIVE','PAUSED','CLOSED')),
    draft               jsonb       NOT NULL,
    -- the invitation trigger
    days_after_delivery int         NOT NULL CHECK (days_after_delivery BETWEEN 0 AND 365),
    channel             text        NOT NULL CHECK (channel IN ('ANY','WEB','STORE')),
    ranks               text[]      NOT NULL DEFAULT '{}',   -- empty: every rank
    segments            text[]      NOT NULL DEFAULT '{}',   -- empty: no segment restriction
    sampling_percent    int         NOT NULL CHECK (sampling_percent BETWEEN 0 AND 100),
    cooldown_days       int         NOT NULL CHECK (cooldown_days BETWEEN 0 AND 3650),
    link_valid_days     int         NOT NULL CHECK (link_valid_days BETWEEN 1 AND 365),
    reward_points       bigint      NOT NULL DEFAULT 0 CHECK (reward_points >= 0),
    -- orders delivered from this instant on are invited (set when the survey goes live, so switching a survey on
    -- never mails customers about orders from long ago)
    invites_from        timestamptz,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);

-- Every published design, immutable; responses point at the version they answered.
CREATE TABLE survey_version (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    survey_id    bigint      NOT NULL REFERENCES survey (id),
    version      int         NOT NULL,
    design       jsonb       NOT NULL,
    published_at timestamptz NOT NULL,
    published_by text        NOT NULL,
    UNIQUE (survey_id, version)
);

-- One decision per (survey, delivered order): SENT (mail written), RESPONDED, or SKIPPED with the reason, so a rerun
-- of the invitation job never decides an order twice.
CREATE TABLE survey_invitation (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    survey_id     bigint      NOT NULL REFERENCES survey (id),
    order_id      bigint      NOT NULL REFERENCES order_summary (id),   -- kept on erasure: decided once
    member_id     bigint      REFERENCES member (id),          -- nulled on erasure
    status        text        NOT NULL CHECK (status IN ('SENT','RESPONDED','SKIPPED')),
    skip_reason   text        CHECK (skip_reason IN ('COOLDOWN','NOT_SAMPLED','NOT_IN_AUDIENCE','NO_CONTACT','ONE_PER_PERIOD')),
    decided_at    timestamptz NOT NULL,                          -- the job's as-of time: when it was sent
    expires_at    timestamptz,
    responded_at  timestamptz,
    used_token_id text,                                          -- the claims id of the link that answered
    CHECK ((status = 'SKIPPED') = (skip_reason IS NOT NULL)),
    UNIQUE (survey_id, order_id)
);
CREATE INDEX survey_invitation_member ON survey_invitation (member_id, decided_at) WHERE status <> 'SKIPPED';
CREATE INDEX survey_invitation_survey ON survey_invitation (survey_id, decided_at) WHERE status <> 'SKIPPED';

CREATE TABLE survey_response (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    survey_id         bigint      NOT NULL REFERENCES survey (id),
    survey_version_id bigint      NOT NULL REFERENCES survey_version (id),
    invitation_id     bigint      UNIQUE REFERENCES survey_invitation (id),   -- nulled when anonymised
    member_id         bigint      REFERENCES member (id),                      -- nulled when anonymised
    rank_code         text,                                                    -- the rank when answering
    locale            text        NOT NULL,
    nps_score         smallint    CHECK (nps_score BETWEEN 0 AND 10),          -- copy of the NPS answer, for aggregates
    reward_points     bigint      NOT NULL DEFAULT 0,
    submitted_at      timestamptz NOT NULL
);
CREATE INDEX survey_response_survey ON survey_response (survey_id, submitted_at);
CREATE INDEX survey_response_member ON survey_response (member_id) WHERE member_id IS NOT NULL;

CREATE TABLE survey_answer (
    response_id  bigint   NOT NULL REFERENCES survey_response (id),
    question_key text     NOT NULL,
    score        smallint,
    choices      text[],
    free_text    text,     -- AES-GCM ciphertext bound to (response, question)
    PRIMARY KEY (response_id, question_key),
    CHECK (num_nonnulls(score, choices, free_text) = 1)
);

-- Progressive profiling: the questions the merchant defines ...
CREATE TABLE profile_question (
    key           text PRIMARY KEY,
    label_ja      text        NOT NULL,
    label_en      text        NOT NULL,
    answer_type   text        NOT NULL CHECK (answer_type IN ('TEXT','DATE','SINGLE_CHOICE','MULTIPLE_CHOICE','NUMBER')),
    options       jsonb       NOT NULL DEFAULT '[]',
    min_value     numeric,
    max_value     numeric,
    priority      int         NOT NULL CHECK (priority BETWEEN 0 AND 1000),   -- higher is asked first
    pii           boolean     NOT NULL,
    reward_points bigint      NOT NULL DEFAULT 0 CHECK (reward_points >= 0),
    placements    text[]      NOT NULL DEFAULT '{}',                           -- empty: any page or moment
    ask_rule      text        NOT NULL CHECK (ask_rule IN ('SKIP_IF_KNOWN','ALWAYS_ASK')),
    after_visits  int         NOT NULL DEFAULT 0 CHECK (after_visits BETWEEN 0 AND 1000),
    active        boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- ... each member's answers: non-PII in clear (segment criteria), PII only as ciphertext bound to member and key.
CREATE TABLE profile_answer (
    member_id    bigint      NOT NULL REFERENCES member (id),
    question_key text        NOT NULL REFERENCES profile_question (key),
    plain_values text[],
    cipher_value text,
    answered_at  timestamptz NOT NULL,
    context      text,
    PRIMARY KEY (member_id, question_key),
    CHECK ((plain_values IS NULL) <> (cipher_value IS NULL))
);
CREATE INDEX profile_answer_values ON profile_answer USING gin (plain_values);

CREATE TABLE profile_skip (
    member_id    bigint      NOT NULL REFERENCES member (id),
    question_key text        NOT NULL REFERENCES profile_question (key),
    skipped_at   timestamptz NOT NULL,
    PRIMARY KEY (member_id, question_key)
);

-- A visit is a shop-local day on which the shopper was offered questions; offered holds that day's questions,
-- so the per-visit cap holds however often the widget is loaded.
CREATE TABLE profile_visit (
    member_id bigint PRIMARY KEY REFERENCES member (id),
    visits    int    NOT NULL,
    visit_day date,
    offered   text[] NOT NULL DEFAULT '{}'
);
