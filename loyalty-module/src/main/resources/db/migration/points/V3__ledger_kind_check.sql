-- The ledger's kinds are the Java enum dev.kizuna.loyalty.points.LedgerKind: this list must stay exactly its names
-- (LedgerKindTest reads this file). Same kinds as V1's inline check, which it replaces under the same name.
ALTER TABLE points_entry DROP CONSTRAINT points_entry_kind_check;
ALTER TABLE points_entry ADD CONSTRAINT points_entry_kind_check CHECK (kind IN ('EARN', 'CONFIRM', 'CANCEL', 'RETURN',
    'GRANT', 'ADJUST', 'RESERVE', 'RELEASE', 'REDEEM', 'REFUND', 'EXPIRE'));
