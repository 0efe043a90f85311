-- The referral program: one row of settings, each member's code, what the host tells about devices, addresses and
-- means of payment (its own hashes), and one row per referred member with its state and the rule that blocked it.
CREATE TABLE referral_program (
    id                 int         PRIMARY KEY CHECK (id = 1),
    active             boolean     NOT NULL,
    reward_on          text        NOT NULL CHECK (reward_on IN ('REGISTRATION', 'FIRST_ORDER', 'FIRST_DELIVERED_ORDER')),
    referrer_points    bigint      NOT NULL CHECK (referrer_points >= 0),
    referred_points    bigint      NOT NULL CHECK (referred_points >= 0),
    monthly_limit      int         NOT NULL CHECK (monthly_limit >= 0),   -- referrals rewarded per referrer and shop month
    confirm_days       int         NOT NULL CHECK (confirm_days >= 0),    -- the return window after delivery
    updated_at         timestamptz NOT NULL,
    updated_by         text        NOT NULL
);
INSERT INTO referral_program VALUES (1, false, 'FIRST_ORDER', 500, 500, 10, 14, now(), 'system');

CREATE TABLE referral_code (
    member_id   bigint      PRIMARY KEY REFERENCES member (id),
    code        text        NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL
);

CREATE TABLE referral_signal (
    member_id   bigint NOT NULL REFERENCES member (id),
    kind        text   NOT NULL CHECK (kind IN ('DEVICE', 'ADDRESS', 'PAYMENT')),
    hash        text   NOT NULL,
    PRIMARY KEY (member_id, kind, hash)
);
CREATE INDEX referral_signal_hash ON referral_signal (kind, hash);

CREATE TABLE referral (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    referrer_id      bigint      NOT NULL REFERENCES member (id),
    referred_id      bigint      NOT NULL UNIQUE REFERENCES member (id),
    state            text        NOT NULL CHECK (state IN ('AWAITING_ORDER', 'HELD', 'REWARDED', 'BLOCKED', 'VOID')),
    blocked_rule     text        CHECK (blocked_rule IN ('SAME_EMAIL', 'SAME_PHONE', 'SAME_DEVICE', 'SAME_ADDRESS',
                                                         'SAME_PAYMENT', 'MONTHLY_LIMIT')),
    reward_on        text        NOT NULL CHECK (reward_on IN ('REGISTRATION', 'FIRST_ORDER', 'FIRST_DELIVERED_ORDER')),
    order_ref        text,       -- the referred member's qualifying order
    registered_at    timestamptz NOT NULL,
    due_at           timestamptz,           -- delivery plus the return window: the held reward is given from then
    rewarded_at      timestamptz,
    referrer_points  bigint      NOT NULL DEFAULT 0,
    referred_points  bigint      NOT NULL DEFAULT 0,
    CHECK ((state = 'BLOCKED') = (blocked_rule IS NOT NULL))
);
CREATE INDEX referral_referrer ON referral (referrer_id, registered_at);
CREATE INDEX referral_due ON referral (due_at) WHERE state = 'HELD';
