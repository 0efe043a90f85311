-- Member sales: a time-boxed sale with early access by rank (Diamond from day 1, Gold from day 2, ...). A member
-- of a rank gets the earliest opening of any entry for their rank or a rank below it; everyone else gets starts_at,
-- or nothing when the sale is for members of the listed ranks only.
CREATE TABLE member_sale (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name_ja      text        NOT NULL,
    name_en      text        NOT NULL,
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz NOT NULL CHECK (ends_at > starts_at),
    members_only boolean     NOT NULL,
    early_access jsonb       NOT NULL,   -- [{"rank":"GOLD","opensAt":"2026-06-01T00:00:00Z"}, ...]
    created_at   timestamptz NOT NULL,
    created_by   text        NOT NULL
);
CREATE INDEX member_sale_ends ON member_sale (ends_at);
