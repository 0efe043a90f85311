-- Coupon campaigns, their codes and redemptions; birthday coupons.

-- A campaign. Its terms live in versions: a change to a campaign writes a new version, and a redemption keeps the
-- version it was quoted. status: DRAFT (not usable), ACTIVE (shown as SCHEDULED / LIVE / ENDED by its validity
-- window), PAUSED, ENDED (for good).
CREATE TABLE coupon_campaign (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            text        NOT NULL DEFAULT 'STANDARD' CHECK (kind IN ('STANDARD','BIRTHDAY')),
    public_code     text UNIQUE,                 -- the one shared code, upper case (e.g. SPRING10); null: personal codes only
    status          text        NOT NULL CHECK (status IN ('DRAFT','ACTIVE','PAUSED','ENDED')),
    current_version int         NOT NULL,
    created_at      timestamptz NOT NULL,
    created_by      text        NOT NULL,
    updated_at      timestamptz NOT NULL
);
-- one birthday campaign per shop, created at start by whichever node comes first
CREATE UNIQUE INDEX coupon_campaign_birthday ON coupon_campaign (kind) WHERE kind = 'BIRTHDAY';

CREATE TABLE coupon_campaign_version (
    campaign_id bigint      NOT NULL REFERENCES coupon_campaign (id),
    version     int         NOT NULL,
    terms       jsonb       NOT NULL,
    created_at  timestamptz NOT NULL,
    created_by  text        NOT NULL,
    PRIMARY KEY (campaign_id, version)
);

-- Single-use personal codes (canonical form, see CouponCodes), optionally assigned to a member, optionally with a
-- window narrower than the campaign's (a birthday coupon's 30 days).
CREATE TABLE coupon_code (
    code        text        PRIMARY KEY,
    campaign_id bigint      NOT NULL REFERENCES coupon_campaign (id),
    member_id   bigint      REFERENCES member (id),
    valid_from  timestamptz,
    valid_to    timestamptz,
    batch_id    bigint,
    created_at  timestamptz NOT NULL
);
CREATE INDEX coupon_code_campaign ON coupon_code (campaign_id);
CREATE INDEX coupon_code_member ON coupon_code (member_id) WHERE member_id IS NOT NULL;
CREATE SEQUENCE coupon_code_batch;

-- One coupon use per order: reserved at order submission, committed on payment, released on cancel. A reservation
-- whose order never came back expires (expires_at) and stops counting against the limits.
CREATE TABLE coupon_redemption (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_ref        text        NOT NULL,
    campaign_id      bigint      NOT NULL REFERENCES coupon_campaign (id),
    campaign_version int         NOT NULL,
    code             text        NOT NULL,          -- the public code or the personal code redeemed
    personal         boolean     NOT NULL,
    customer_ref     text        NOT NULL,
    member_id        bigint      REFERENCES member (id),
    status           text        NOT NULL CHECK (status IN ('RESERVED','COMMITTED','RELEASED')),
    currency         char(3)     NOT NULL,
    order_amount     bigint      NOT NULL,          -- merchandise total of the cart, for the campaign's revenue
    discount         bigint      NOT NULL,
    free_shipping    boolean     NOT NULL,
    bonus_points     bigint      NOT NULL,
    stackable        boolean     NOT NULL,
    reserved_at      timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    committed_at     timestamptz,
    released_at      timestamptz
);
-- at most one live coupon use per order; a released one may be followed by another
CREATE UNIQUE INDEX coupon_redemption_order ON coupon_redemption (order_ref) WHERE status <> 'RELEASED';
CREATE INDEX coupon_redemption_campaign ON coupon_redemption (campaign_id, customer_ref) WHERE status <> 'RELEASED';
CREATE INDEX coupon_redemption_code ON coupon_redemption (code) WHERE status <> 'RELEASED';

-- The version each shopper was last quoted for a code: the reservation at order submission keeps those terms.
CREATE TABLE coupon_quote (
    customer_ref     text        NOT NULL,
    code             text        NOT NULL,
    campaign_id      bigint      NOT NULL REFERENCES coupon_campaign (id),
    campaign_version int         NOT NULL,
    quoted_at        timestamptz NOT NULL,
    PRIMARY KEY (customer_ref, code)
);

-- Failed code attempts (unknown or mistyped codes) per shopper and per client address: a sliding window
-- against guessing codes.
CREATE TABLE coupon_failed_attempt (
    id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key text        NOT NULL,        -- shopper:<customer id> or address:<client address>
    at  timestamptz NOT NULL
);
CREATE INDEX coupon_failed_attempt_key ON coupon_failed_attempt (key, at);

-- One birthday coupon per member and birthday year: the key that keeps a re-run or a resumed run from issuing twice.
CREATE TABLE birthday_coupon (
    member_id     bigint      NOT NULL REFERENCES member (id),
    birthday_year int         NOT NULL,
    birthday      date        NOT NULL,          -- the birthday celebrated (28 Feb for 29 Feb outside leap years)
    code          text        NOT NULL REFERENCES coupon_code (code) DEFERRABLE INITIALLY DEFERRED,
    bonus_points  bigint      NOT NULL DEFAULT 0,
    mailed        boolean     NOT NULL,
    issued_at     timestamptz NOT NULL,
    PRIMARY KEY (member_id, birthday_year)
);
