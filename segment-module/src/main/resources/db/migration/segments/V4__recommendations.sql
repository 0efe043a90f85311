-- Item-to-item recommendations: for each SKU its top neighbours by cosine similarity, of two kinds: bought in the
-- same order (BOUGHT_TOGETHER) and bought by a member after viewing the SKU (VIEWED_THEN_BOUGHT). The
-- recommendations job replaces every row in one transaction, so readers see either the last run or the one before.
CREATE TABLE product_neighbour (
    kind      text             NOT NULL CHECK (kind IN ('BOUGHT_TOGETHER', 'VIEWED_THEN_BOUGHT')),
    sku       text             NOT NULL,
    position  int              NOT NULL CHECK (position > 0),
    neighbour text             NOT NULL,
    score     double precision NOT NULL,
    support   int              NOT NULL,
    PRIMARY KEY (kind, sku, position)
);
