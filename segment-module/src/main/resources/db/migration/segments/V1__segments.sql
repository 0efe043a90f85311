-- Segments: RFM scores and named segments with their history, predicted lifetime value (BG/NBD + Gamma-Gamma),
-- and indexes for the behavioural segments read live from the core behaviour_event table.

-- The merchant's RFM segment map: each segment is a rectangle of the R x FM score grid (scores 1-5, FM being the
-- rounded mean of the F and M scores); together the rectangles cover the 25 cells exactly once.
CREATE TABLE rfm_segment (
    key       text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9-]{0,39}$'),
    name_ja   text     NOT NULL,
    name_en   text     NOT NULL,
    r_min     smallint NOT NULL CHECK (r_min BETWEEN 1 AND 5),
    r_max     smallint NOT NULL CHECK (r_max BETWEEN 1 AND 5),
    fm_min    smallint NOT NULL CHECK (fm_min BETWEEN 1 AND 5),
    fm_max    smallint NOT NULL CHECK (fm_max BETWEEN 1 AND 5),
    position  int      NOT NULL,
    CHECK (r_min <= r_max AND fm_min <= fm_max)
);

-- The common 11-segment map (R rows, FM columns):
--           FM1            FM2                  FM3                  FM4         FM5
--   R5      new            potential-loyalists  potential-loyalists  champions   champions
--   R4      promising      potential-loyalists  potential-loyalists  loyal       loyal
--   R3      about-to-sleep about-to-sleep       needs-attention      loyal       loyal
--   R2      hibernating    hibernating          at-risk              at-risk     cant-lose-them
--   R1      lost           lost                 at-risk              at-risk     cant-lose-them
INSERT INTO rfm_segment (key, name_ja, name_en, r_min, r_max, fm_min, fm_max, position) VALUES
    ('champions',           'チャンピオン',       'Champions',           5, 5, 4, 5, 1),
    ('loyal',               'ロイヤル顧客',       'Loyal',               3, 4, 4, 5, 2),
    ('potential-loyalists', 'ロイヤル候補',       'Potential loyalists', 4, 5, 2, 3, 3),
    ('new',                 '新規顧客',           'New',                 5, 5, 1, 1, 4),
    ('promising',           '有望顧客',           'Promising',           4, 4, 1, 1, 5),
    ('needs-attention',     '要注意顧客',         'Needs attention',     3, 3, 3, 3, 6),
    ('about-to-sleep',      '休眠予備軍',         'About to sleep',      3, 3, 1, 2, 7),
    ('at-risk',             '離反危険顧客',       'At risk',             1, 2, 3, 4, 8),
    ('cant-lose-them',      '失いたくない顧客',   'Can''t lose them',    1, 2, 5, 5, 9),
    ('hibernating',         '休眠顧客',           'Hibernating',         2, 2, 1, 2, 10),
    ('lost',                '離反顧客',           'Lost',                1, 1, 1, 2, 11);

-- Each member's current RFM figures, scores and segment, as of the last rfm-scoring run. A member without a
-- purchase in the window has no row.
CREATE TABLE rfm_score (
    member_id      bigint      PRIMARY KEY REFERENCES member (id),
    last_order_at  timestamptz NOT NULL,
    recency_days   int         NOT NULL,
    frequency      int         NOT NULL,
    monetary       bigint      NOT NULL,      -- minor units of the shop currency, net of returns
    r              smallint    NOT NULL,
    f              smallint    NOT NULL,
    m              smallint    NOT NULL,
    fm             smallint    NOT NULL,
    segment_key    text        NOT NULL,
    segment_since  timestamptz NOT NULL,
    scored_at      timestamptz NOT NULL
);
CREATE INDEX rfm_score_segment ON rfm_score (segment_key, member_id);
CREATE INDEX rfm_score_cell ON rfm_score (r, fm);

-- Every change of a member's RFM segment, so movements (Loyal -> At risk) can be listed. A null from_segment is a
-- member scored for the first time; a null to_segment a member whose purchases left the window.
CREATE TABLE rfm_segment_history (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id    bigint      NOT NULL REFERENCES member (id),
    from_segment text,
    to_segment   text,
    moved_at     timestamptz NOT NULL,
    run_id       bigint
);
CREATE INDEX rfm_segment_history_move ON rfm_segment_history (moved_at, from_segment, to_segment);
CREATE INDEX rfm_segment_history_member ON rfm_segment_history (member_id, moved_at);

-- Scratch space of a running rfm-scoring job: every scored member's figures and quintiles, built in one statement
-- and merged into rfm_score in keyset batches. Unlogged: after a database crash it is empty and gets rebuilt.
CREATE UNLOGGED TABLE rfm_staging (
    member_id      bigint      PRIMARY KEY,
    last_order_at  timestamptz NOT NULL,
    recency_days   int         NOT NULL,
    frequency      int         NOT NULL,
    monetary       bigint      NOT NULL,
    r              smallint    NOT NULL,
    f              smallint    NOT NULL,
    m              smallint    NOT NULL,
    fm             smallint    NOT NULL
);
-- Which run the staging rows belong to (a resumed run reuses them, a new run rebuilds them).
CREATE UNLOGGED TABLE rfm_staging_run (
    run_id     bigint      PRIMARY KEY,
    as_of      timestamptz NOT NULL,
    members    bigint      NOT NULL
);

-- Fitted LTV models, one row per ltv-fit run (history kept): BG/NBD (r, alpha, a, b) and Gamma-Gamma (p, q, gamma)
-- maximum-likelihood estimates with their log-likelihoods. Gamma-Gamma is null when too few repeat buyers.
CREATE TABLE ltv_model (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id           bigint      UNIQUE,
    as_of            timestamptz NOT NULL,
    fitted_at        timestamptz NOT NULL,
    customers        bigint      NOT NULL,     -- customers the model was fitted on
    repeat_customers bigint      NOT NULL,
    population       bigint      NOT NULL,     -- customers with a purchase (all are scored)
    horizon_weeks    int         NOT NULL,
    r                double precision NOT NULL,
    alpha            double precision NOT NULL,
    a                double precision NOT NULL,
    b                double precision NOT NULL,
    loglik           double precision NOT NULL,
    p                double precision,
    q                double precision,
    gamma            double precision,
    gg_loglik        double precision,
    mean_spend       double precision NOT NULL,  -- mean spend per purchase, minor units (fallback without Gamma-Gamma)
    decile_bounds    double precision[] NOT NULL, -- predicted value at the lower edge of deciles 1..9 (1 = top)
    fit_millis       bigint      NOT NULL,
    scored_at        timestamptz                -- set when every customer has been scored with this model
);

-- Each customer's predicted figures, one row per model that scored them: an ltv-fit run adds its model's rows (a
-- million of them by COPY, nothing updated in place) and, once every customer is scored, makes the model current
-- and deletes the other models' rows. Readers take the current model's rows (the newest ltv_model with scored_at).
-- No foreign keys: the rows are written only by ltv-fit, from member ids it has just read joined to member (members
-- are never deleted, erasure keeps the row) and its own stored model, and the per-row checks of two foreign keys
-- cost several times the write itself.
CREATE TABLE ltv_score (
    model_id            bigint           NOT NULL,   -- ltv_model (id)
    member_id           bigint           NOT NULL,   -- member (id)
    x                   int              NOT NULL,   -- repeat purchase days
    t_x                 double precision NOT NULL,   -- weeks from first to last purchase
    t_cal               double precision NOT NULL,   -- weeks from first purchase to the as-of date (T)
    mean_repeat_spend   double precision NOT NULL,   -- minor units; 0 without repeat purchases
    expected_purchases  double precision NOT NULL,   -- over the model's horizon
    p_alive             double precision NOT NULL,
    expected_spend      double precision NOT NULL,   -- per purchase, minor units
    predicted_value     bigint           NOT NULL,   -- minor units over the horizon
    decile              smallint         NOT NULL CHECK (decile BETWEEN 1 AND 10),
    PRIMARY KEY (model_id, member_id)
);
CREATE INDEX ltv_score_decile ON ltv_score (model_id, decile, member_id);

-- Behavioural segments read core's behaviour_event live; these partial indexes keep "who did X in the last N days"
-- an index range scan, however long the event history grows.
CREATE INDEX behaviour_event_abandoned ON behaviour_event (occurred_at, member_id) WHERE kind = 'CART_ABANDONED';
CREATE INDEX behaviour_event_viewed_category ON behaviour_event (category, occurred_at, member_id)
    WHERE kind = 'PRODUCT_VIEWED';
CREATE INDEX behaviour_event_no_result ON behaviour_event (occurred_at, member_id)
    WHERE kind = 'SEARCH' AND result_count = 0;
