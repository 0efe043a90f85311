-- Sign-in back-off (dev.kizuna.core.throttle.Throttle): one row per key, account@address or address, counted under
-- its row lock before the password is checked. console_login_attempt stays the trail of checked attempts.
CREATE TABLE console_login_throttle (
    key             text        PRIMARY KEY,   -- account:<username>@<address> or address:<address>
    failures        int         NOT NULL CHECK (failures >= 0),
    last_failure_at timestamptz,
    blocked_until   timestamptz
);
