-- fixture: pg-version=19
-- vacuum-full on PostgreSQL 19: REPACK without CONCURRENTLY is VACUUM FULL under a new name
-- (ACCESS EXCLUSIVE for the whole rewrite); REPACK (CONCURRENTLY) is the safe form.

-- Positives -------------------------------------------------------------------------------

REPACK events; -- expect: vacuum-full
REPACK (VERBOSE, ANALYZE) events; -- expect: vacuum-full
VACUUM FULL events; -- expect: vacuum-full

-- Negatives -------------------------------------------------------------------------------

REPACK (CONCURRENTLY) events;
-- USING INDEX is the cluster rule's
REPACK events USING INDEX events_created_idx; -- expect: cluster
VACUUM events;
