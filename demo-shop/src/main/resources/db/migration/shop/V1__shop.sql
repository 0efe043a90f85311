-- The demo shop's own tables (the host's side: catalog, customers, orders). Kizuna keeps its own mirror.
CREATE TABLE product (
    sku       text PRIMARY KEY,
    name_ja   text   NOT NULL,
    name_en   text   NOT NULL,
    category  text   NOT NULL,
    price     bigint NOT NULL CHECK (price >= 0)
);

CREATE TABLE customer (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email      text   NOT NULL UNIQUE,
    name       text   NOT NULL,
    birth_date date,
    locale     text   NOT NULL DEFAULT 'ja',
    deleted    boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL
);

CREATE TABLE shop_order (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id     bigint NOT NULL REFERENCES customer (id),
    currency        char(3) NOT NULL,
    subtotal        bigint NOT NULL,
    discount        bigint NOT NULL,
    points_redeemed bigint NOT NULL,
    shipping        bigint NOT NULL,
    total           bigint NOT NULL,
    coupon_code     text,
    status          text   NOT NULL,
    created_at      timestamptz NOT NULL
);

CREATE TABLE shop_order_line (
    order_id   bigint NOT NULL REFERENCES shop_order (id),
    line_no    int    NOT NULL,
    sku        text   NOT NULL,
    category   text   NOT NULL,
    quantity   int    NOT NULL,
    unit_price bigint NOT NULL,
    discount   bigint NOT NULL,
    returned   int    NOT NULL DEFAULT 0,
    PRIMARY KEY (order_id, line_no)
);
