-- member.rank_level (core V17) from the ranks members hold now; from here on the ranks feature keeps it where it
-- writes member_rank and where the ladder's levels move. A code no longer defined reads as the base rank (0).
UPDATE member m SET rank_level = d.level
FROM member_rank r JOIN rank_definition d ON d.code = r.rank_code
WHERE r.member_id = m.id AND m.rank_level <> d.level;
