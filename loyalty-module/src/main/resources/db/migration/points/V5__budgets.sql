-- Budgets: a cap on what a point campaign (owner campaign:<id>) or the earning rules' bonuses (owner rule-bonus)
-- give, in points or yen, in total and per shop day. Every grant under a budget locks its row (FOR UPDATE) in the
-- grant's own transaction and adds what it gave to spent and to the day's row, so concurrent orders never pass it.
CREATE TABLE points_budget (
    owner       text        PRIMARY KEY CHECK (owner ~ '^(campaign:[0-9]+|rule-bonus)$'),
    unit        text        NOT NULL CHECK (unit IN ('POINTS', 'YEN')),
    total_limit bigint      CHECK (total_limit > 0),
    daily_limit bigint      CHECK (daily_limit > 0),
    spent       bigint      NOT NULL DEFAULT 0 CHECK (spent >= 0),
    updated_at  timestamptz NOT NULL,
    updated_by  text        NOT NULL,
    CONSTRAINT points_budget_cap CHECK (total_limit IS NOT NULL OR daily_limit IS NOT NULL)
);

-- What a budget gave on each shop day (the per-day cap's counter; also the console's spend by day).
CREATE TABLE points_budget_day (
    owner text   NOT NULL REFERENCES points_budget (owner),
    day   date   NOT NULL,
    spent bigint NOT NULL CHECK (spent >= 0),
    PRIMARY KEY (owner, day)
);
