-- fixture: pg-version=19
-- cluster on PostgreSQL 19: REPACK ... USING INDEX without CONCURRENTLY is CLUSTER.

-- Positives -------------------------------------------------------------------------------

REPACK events USING INDEX events_created_idx; -- expect: cluster
REPACK events USING INDEX; -- expect: cluster
CLUSTER events USING events_created_idx; -- expect: cluster

-- Negatives -------------------------------------------------------------------------------

REPACK (CONCURRENTLY) events USING INDEX events_created_idx;
CREATE TABLE scratch (id bigint PRIMARY KEY);
REPACK scratch USING INDEX scratch_pkey;
