-- The sales forecast each ltv-fit run makes from its model: expected purchase days and revenue over the next 4, 13
-- and 52 weeks from the customers known (BG/NBD x Gamma-Gamma, summed) and from the customers still to come at the
-- recent acquisition rate. Money in minor units of the shop currency, fractional as expectations are.
CREATE TABLE ltv_forecast (
    model_id          bigint           NOT NULL REFERENCES ltv_model (id),
    horizon_weeks     int              NOT NULL CHECK (horizon_weeks > 0),
    existing_orders   double precision NOT NULL,
    existing_revenue  double precision NOT NULL,
    new_customers     double precision NOT NULL,
    new_orders        double precision NOT NULL,
    new_revenue       double precision NOT NULL,
    PRIMARY KEY (model_id, horizon_weeks)
);

-- The same forecast back-tested: models fitted on the history up to the cutoff day (the run's as-of day less the
-- back-test weeks), forecast for each following week, beside what customers bought in that week: purchase days of
-- customers known at the cutoff and of those who first bought after it, and the net revenue.
CREATE TABLE ltv_backtest_week (
    model_id          bigint           NOT NULL REFERENCES ltv_model (id),
    week              int              NOT NULL CHECK (week > 0),
    week_start        date             NOT NULL,
    forecast_existing double precision NOT NULL,
    forecast_new      double precision NOT NULL,
    forecast_revenue  double precision NOT NULL,
    actual_existing   bigint           NOT NULL,
    actual_new        bigint           NOT NULL,
    actual_revenue    bigint           NOT NULL,
    PRIMARY KEY (model_id, week)
);
