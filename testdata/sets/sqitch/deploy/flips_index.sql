-- Deploy flipr:flips_index to pg
-- requires: flips
-- sqitch runs the script as it is (psql): no transaction around it.

CREATE INDEX CONCURRENTLY flips_timestamp_idx ON flips (timestamp);
