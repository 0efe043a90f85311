-- Downgrade policies beside dropping at the recalculation and holding to the end of the next period: dropping one
-- rank at a time, and never downgrading. The list is exactly dev.kizuna.loyalty.rank.DowngradePolicy's names.
ALTER TABLE rank_program DROP CONSTRAINT rank_program_downgrade_policy_check;
ALTER TABLE rank_program ADD CONSTRAINT rank_program_downgrade_policy_check CHECK (downgrade_policy IN
    ('IMMEDIATELY', 'KEEP_UNTIL_END_OF_NEXT_PERIOD', 'ONE_RANK_AT_A_TIME', 'NEVER'));
