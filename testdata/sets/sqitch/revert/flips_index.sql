-- Revert flipr:flips_index from pg

DROP INDEX CONCURRENTLY flips_timestamp_idx;
