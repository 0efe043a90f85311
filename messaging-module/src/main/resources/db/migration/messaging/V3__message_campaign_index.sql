-- A broadcast writes one message row per recipient; each index is paid a million times over. The campaign's rows
-- are found through the unique key, which starts with (source, campaign_id), so this index only repeated it.
DROP INDEX message_campaign;
