-- One key set per installation. A key-check value is an HMAC of a fixed label under a key: it proves a node holds the
-- same key as the one that first sealed data here without storing the key. A node whose keys differ, or that lacks
-- a key still in use, refuses to start (InstallationKeys) instead of writing data other nodes cannot read.
CREATE TABLE key_check (
    kind          text        NOT NULL CHECK (kind IN ('ENCRYPTION', 'INDEX', 'TOKEN')),
    key_id        text        NOT NULL,
    check_value   bytea       NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    current_since timestamptz,           -- encryption keys: when a node first sealed new writes with it
    retired_at    timestamptz,           -- encryption keys: a finished pii-key-rotation left nothing sealed with it
    PRIMARY KEY (kind, key_id)
);

-- The encryption keys each node started with, so a key becomes current only once every running node holds it.
CREATE TABLE node_keys (
    node_id         text        PRIMARY KEY,
    encryption_keys text[]      NOT NULL,
    current_key     text        NOT NULL,
    started_at      timestamptz NOT NULL DEFAULT now()
);

-- The dev clock's offset from the database's time, shared by every node and kept across restarts (dev installs).
CREATE TABLE dev_clock (
    id        int         PRIMARY KEY CHECK (id = 1),
    offset_ms bigint      NOT NULL,
    set_at    timestamptz NOT NULL DEFAULT now()
);
