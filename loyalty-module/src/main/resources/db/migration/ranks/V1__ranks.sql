-- Member ranks: the merchant's ladder, each member's rank and the history of changes.
-- Qualification reads the points feature's view points_earned and the core order mirror (order_summary).

-- The settings of the whole ladder (one row).
CREATE TABLE rank_program (
    id               smallint PRIMARY KEY CHECK (id = 1),
    window_months    int         NOT NULL CHECK (window_months BETWEEN 1 AND 36),
    downgrade_policy text        NOT NULL CHECK (downgrade_policy IN ('IMMEDIATELY', 'KEEP_UNTIL_END_OF_NEXT_PERIOD')),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

-- The ranks, level 0 (the base rank everyone holds) upwards. A null threshold is not a criterion.
CREATE TABLE rank_definition (
    code                     text PRIMARY KEY,
    level                    int    NOT NULL CHECK (level >= 0),
    name_ja                  text   NOT NULL,
    name_en                  text   NOT NULL,
    min_points               bigint CHECK (min_points >= 1),
    min_orders               bigint CHECK (min_orders >= 1),
    min_spend                bigint CHECK (min_spend >= 1),      -- minor units of the shop currency
    point_multiplier_percent int    NOT NULL CHECK (point_multiplier_percent BETWEEN 1 AND 1000),
    free_shipping_threshold  bigint CHECK (free_shipping_threshold >= 0),
    birthday_bonus_points    bigint NOT NULL DEFAULT 0 CHECK (birthday_bonus_points >= 0),
    perks_ja                 jsonb  NOT NULL DEFAULT '[]',
    perks_en                 jsonb  NOT NULL DEFAULT '[]',
    updated_at               timestamptz NOT NULL DEFAULT now(),
    -- deferred so a reorder can move levels within one transaction
    CONSTRAINT rank_definition_level UNIQUE (level) DEFERRABLE INITIALLY DEFERRED
);

-- A member's rank; no row means the base rank. held_until: the last shop-local day a rank is kept under
-- KEEP_UNTIL_END_OF_NEXT_PERIOD although the member stopped qualifying (null while they qualify).
-- No foreign keys here nor in rank_history: the recalculation writes hundreds of thousands of rows per run, and a
-- key check per row (a row lock on member) doubled its write time, for nothing: member rows are never deleted
-- (erasure blanks them), rank definitions cannot be deleted, and a code no longer defined reads as the base rank.
CREATE TABLE member_rank (
    member_id  bigint PRIMARY KEY,
    rank_code  text        NOT NULL,
    since      timestamptz NOT NULL,
    held_until date,
    updated_at timestamptz NOT NULL
);

-- Every change of a member's rank, with the figures it was judged on and the window they were counted over.
CREATE TABLE rank_history (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id   bigint      NOT NULL,
    from_code   text        NOT NULL,
    to_code     text        NOT NULL,
    change      text        NOT NULL CHECK (change IN ('UPGRADE', 'DOWNGRADE')),
    trigger     text        NOT NULL CHECK (trigger IN ('RECALCULATION', 'CONFIRMATION')),
    changed_at  timestamptz NOT NULL,
    points      bigint      NOT NULL,
    orders      bigint      NOT NULL,
    spend       bigint      NOT NULL,
    window_from date        NOT NULL,
    window_to   date        NOT NULL
);
CREATE INDEX rank_history_member ON rank_history (member_id, id DESC);

-- The default program (DESIGN.md): judged over the past 6 months on points earned and earning orders, both
-- required; merchants edit it in the console.
INSERT INTO rank_program (id, window_months, downgrade_policy) VALUES (1, 6, 'IMMEDIATELY');

INSERT INTO rank_definition (code, level, name_ja, name_en, min_points, min_orders, point_multiplier_percent,
                             free_shipping_threshold, birthday_bonus_points, perks_ja, perks_en) VALUES
('REGULAR', 0, 'レギュラー', 'Regular', NULL, NULL, 100, NULL, 0,
 '["お誕生月クーポン"]',
 '["Birthday coupon"]'),
('SILVER', 1, 'シルバー', 'Silver', 200, 2, 120, 8000, 100,
 '["ポイント1.2倍", "8,000円以上のご注文で送料無料", "お誕生日に100ポイント"]',
 '["1.2× points", "Free shipping on orders from ¥8,000", "100 points on your birthday"]'),
('GOLD', 2, 'ゴールド', 'Gold', 700, 7, 150, 5000, 300,
 '["ポイント1.5倍", "5,000円以上のご注文で送料無料", "お誕生日に300ポイント", "ゴールド以上限定クーポン"]',
 '["1.5× points", "Free shipping on orders from ¥5,000", "300 points on your birthday", "Coupons for Gold and above"]'),
('PLATINUM', 3, 'プラチナ', 'Platinum', 2000, 15, 200, 3000, 500,
 '["ポイント2倍", "3,000円以上のご注文で送料無料", "お誕生日に500ポイント", "プラチナ以上限定クーポン", "セールの先行案内"]',
 '["2× points", "Free shipping on orders from ¥3,000", "500 points on your birthday", "Coupons for Platinum and above", "Early access to sales"]'),
('DIAMOND', 4, 'ダイヤモンド', 'Diamond', 4000, 30, 300, 0, 1000,
 '["ポイント3倍", "いつでも送料無料", "お誕生日に1,000ポイント", "ダイヤモンド限定クーポン", "セールの先行案内", "専用サポート窓口"]',
 '["3× points", "Free shipping on every order", "1,000 points on your birthday", "Diamond-only coupons", "Early access to sales", "A dedicated support line"]');
