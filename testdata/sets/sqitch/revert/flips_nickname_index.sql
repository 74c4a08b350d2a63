-- Revert flipr:flips_nickname_index from pg

DROP INDEX CONCURRENTLY flips_nickname_idx;
