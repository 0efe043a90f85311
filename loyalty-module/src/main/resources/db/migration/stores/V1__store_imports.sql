-- Each import of store sales (a file, or a part of one) with what it did: the orders themselves are events in the
-- inbox (ids derived from store, receipt and row), so a repeated import applies nothing twice.
CREATE TABLE store_import (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    imported_at timestamptz NOT NULL,
    imported_by text        NOT NULL,
    first_line  int         NOT NULL,
    rows_read   int         NOT NULL,
    applied     int         NOT NULL,
    repeated    int         NOT NULL,
    parked      int         NOT NULL,
    left_out    int         NOT NULL
);
