-- The points ledger: accounts with cached balances, an append-only ledger of entries, the orders that earn,
-- lots (for oldest-first spending and per-lot expiry), checkout reservations, and the merchant's earning rules.
-- Invariant the points-verification job proves: every balance column of points_account equals the sum of the
-- matching delta column over the account's entries, and available equals the sum of its lots' remaining points.

-- One account per member. available: spendable now; pending: earned by orders still inside the return window;
-- reserved: held by checkouts not yet committed; debt: reversals that found too few available points, paid first
-- by later credits (so a member never has available points and debt at once).
CREATE TABLE points_account (
    member_id      bigint PRIMARY KEY REFERENCES member (id),
    available      bigint      NOT NULL DEFAULT 0 CHECK (available >= 0),
    pending        bigint      NOT NULL DEFAULT 0 CHECK (pending >= 0),
    reserved       bigint      NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    debt           bigint      NOT NULL DEFAULT 0 CHECK (debt >= 0),
    last_earned_at timestamptz,                  -- the inactivity expiry policy counts from here
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT points_account_debt_first CHECK (available = 0 OR debt = 0)
);

-- The ledger. Never updated or deleted. Each entry moves points between the account's buckets (d_* columns);
-- points is the signed figure shown to the shopper. earned_points/earned_at are the rank-qualification facts
-- (see the points_earned view): set on confirmations and bonus grants, and negative on reversals of confirmed
-- points, dated by the original earning's confirmation.
CREATE TABLE points_entry (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id     bigint      NOT NULL REFERENCES member (id),
    kind          text        NOT NULL CHECK (kind IN ('EARN', 'CONFIRM', 'CANCEL', 'RETURN', 'GRANT', 'ADJUST',
                                                       'RESERVE', 'RELEASE', 'REDEEM', 'REFUND', 'EXPIRE')),
    points        bigint      NOT NULL,
    d_available   bigint      NOT NULL DEFAULT 0,
    d_pending     bigint      NOT NULL DEFAULT 0,
    d_reserved    bigint      NOT NULL DEFAULT 0,
    d_debt        bigint      NOT NULL DEFAULT 0,
    source        text        NOT NULL,          -- ORDER, CHECKOUT, SURVEY, COUPON, BIRTHDAY, REGISTRATION, ADMIN, EXPIRY ...
    source_ref    text,                          -- the order, survey response, coupon ... that caused it
    order_ref     text,
    reason        text,                          -- free text: the admin's reason, the grant's description
    actor         text,                          -- the console user of a manual adjustment
    idem_key      text,                          -- at most one entry per key (grants, returns, adjustments)
    earned_points bigint,
    earned_at     timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT points_entry_earned_pair CHECK ((earned_points IS NULL) = (earned_at IS NULL))
);
CREATE INDEX points_entry_member ON points_entry (member_id, id);
CREATE UNIQUE INDEX points_entry_idem ON points_entry (idem_key) WHERE idem_key IS NOT NULL;
-- Monthly figures for the liability dashboard; entries are appended in time order, so a BRIN index is enough.
CREATE INDEX points_entry_created ON points_entry USING brin (created_at);
-- Rank qualification: earnings in a window, for all members (by time) or a range of members (by member).
CREATE INDEX points_entry_earned_at ON points_entry (earned_at) INCLUDE (member_id, order_ref, earned_points)
    WHERE earned_at IS NOT NULL;
CREATE INDEX points_entry_member_earned ON points_entry (member_id, earned_at) INCLUDE (order_ref, earned_points)
    WHERE earned_at IS NOT NULL;

-- What ranks read: one row per confirmed earning (order points when they became available, bonuses when
-- granted) and one negative row per reversal of confirmed points, dated by the original confirmation.
CREATE VIEW points_earned AS
SELECT member_id, order_ref, earned_points AS points, earned_at
FROM points_entry
WHERE earned_at IS NOT NULL;

-- Each order that earns or redeems points: what it earned per line (so a return reverses exactly the returned
-- lines' share), what redeemed points paid per line, and where it is on the way to confirmation.
CREATE TABLE points_order (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_ref          text        NOT NULL UNIQUE,
    member_id          bigint      NOT NULL REFERENCES member (id),
    submitted_at       timestamptz NOT NULL,
    rule_version       int,                      -- null: the configured defaults were in force
    rank_code          text        NOT NULL,
    rank_multiplier_percent int    NOT NULL,
    campaign_ids       bigint[]    NOT NULL DEFAULT '{}',
    line_points        bigint[]    NOT NULL,     -- by order line number (1-based)
    order_bonus        bigint      NOT NULL DEFAULT 0,  -- first-order bonus: kept while any line is kept
    line_redeemed      bigint[]    NOT NULL,     -- redeemed points allocated to each line
    earned             bigint      NOT NULL CHECK (earned >= 0),
    reversed           bigint      NOT NULL DEFAULT 0 CHECK (reversed >= 0 AND reversed <= earned),
    status             text        NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'CANCELLED')),
    due_at             timestamptz,              -- delivery + return window; set when delivered
    confirmed_at       timestamptz
);
CREATE INDEX points_order_due ON points_order (id) INCLUDE (due_at) WHERE status = 'PENDING' AND due_at IS NOT NULL;
CREATE INDEX points_order_member ON points_order (member_id) WHERE status = 'PENDING';

-- Available points by where they came from and when they became available: spending takes the oldest first,
-- and under the per-lot expiry policy a lot expires a fixed number of months after available_at.
CREATE TABLE points_lot (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id    bigint      NOT NULL REFERENCES member (id),
    entry_id     bigint      NOT NULL REFERENCES points_entry (id),
    order_ref    text,
    available_at timestamptz NOT NULL,
    amount       bigint      NOT NULL CHECK (amount > 0),
    remaining    bigint      NOT NULL CHECK (remaining >= 0 AND remaining <= amount)
);
CREATE INDEX points_lot_live ON points_lot (member_id, available_at, id) WHERE remaining > 0;
CREATE INDEX points_lot_order ON points_lot (order_ref) WHERE order_ref IS NOT NULL;

-- Points a checkout holds for an order: RESERVED at submission, COMMITTED on payment, RELEASED on cancel, a failed
-- payment or when the hold lapses. refunded: points given back after commit (cancel, returned lines).
CREATE TABLE points_reservation (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_ref    text        NOT NULL UNIQUE,
    member_id    bigint      NOT NULL REFERENCES member (id),
    points       bigint      NOT NULL CHECK (points > 0),
    currency     text        NOT NULL,
    payable      bigint      NOT NULL,
    status       text        NOT NULL CHECK (status IN ('RESERVED', 'COMMITTED', 'RELEASED')),
    refunded     bigint      NOT NULL DEFAULT 0 CHECK (refunded >= 0 AND refunded <= points),
    order_seen   boolean     NOT NULL DEFAULT false,  -- the order arrived: the hold no longer lapses
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    committed_at timestamptz,
    released_at  timestamptz
);
CREATE INDEX points_reservation_lapsing ON points_reservation (expires_at) WHERE status = 'RESERVED' AND NOT order_seen;
CREATE INDEX points_reservation_member ON points_reservation (member_id) WHERE status = 'RESERVED';

-- Which lots a reservation spent, so a release or refund puts points back where they came from (same age).
CREATE TABLE points_lot_use (
    reservation_id bigint NOT NULL REFERENCES points_reservation (id),
    lot_id         bigint NOT NULL REFERENCES points_lot (id),
    amount         bigint NOT NULL CHECK (amount > 0),
    restored       bigint NOT NULL DEFAULT 0 CHECK (restored >= 0 AND restored <= amount),
    PRIMARY KEY (reservation_id, lot_id)
);

-- The merchant's earning rules, versioned: an order earns by the version in force when it was submitted.
-- Without any version the configured defaults apply (kizuna.points.base-rate-per-100 ...).
CREATE TABLE points_rule (
    version            int PRIMARY KEY,
    base_rate_per_100  int         NOT NULL CHECK (base_rate_per_100 BETWEEN 0 AND 100),
    include_tax        boolean     NOT NULL DEFAULT false,
    registration_bonus bigint      NOT NULL DEFAULT 0 CHECK (registration_bonus >= 0),
    first_order_bonus  bigint      NOT NULL DEFAULT 0 CHECK (first_order_bonus >= 0),
    effective_from     timestamptz NOT NULL,
    created_at         timestamptz NOT NULL,
    created_by         text        NOT NULL
);
CREATE INDEX points_rule_effective ON points_rule (effective_from DESC, version DESC);

-- Time-boxed campaigns: ×N on the base points (MULTIPLIER, percent: 200 = ×2) or +N points per unit bought
-- (BONUS_PER_UNIT), for all lines or only given categories/SKUs. Terms never change once created; a campaign can
-- only be ended early (ends_at moves to the moment it was ended), so an order keeps the terms it was submitted under.
CREATE TABLE points_campaign (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name_ja            text        NOT NULL,
    name_en            text        NOT NULL,
    kind               text        NOT NULL CHECK (kind IN ('MULTIPLIER', 'BONUS_PER_UNIT')),
    multiplier_percent int         CHECK (multiplier_percent BETWEEN 101 AND 10000),
    bonus_points       bigint      CHECK (bonus_points BETWEEN 1 AND 1000000),
    categories         text[]      NOT NULL DEFAULT '{}',
    skus               text[]      NOT NULL DEFAULT '{}',
    starts_at          timestamptz NOT NULL,
    ends_at            timestamptz NOT NULL CHECK (ends_at >= starts_at),
    created_at         timestamptz NOT NULL,
    created_by         text        NOT NULL,
    ended_early_by     text,
    CONSTRAINT points_campaign_terms CHECK ((kind = 'MULTIPLIER') = (multiplier_percent IS NOT NULL)
                                        AND (kind = 'BONUS_PER_UNIT') = (bonus_points IS NOT NULL))
);
CREATE INDEX points_campaign_window ON points_campaign (starts_at, ends_at);
