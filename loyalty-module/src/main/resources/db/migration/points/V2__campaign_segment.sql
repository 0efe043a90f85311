-- A point campaign may be limited to the members of one segment (e.g. rfm:at-risk); null: every member.
ALTER TABLE points_campaign ADD COLUMN segment text;
