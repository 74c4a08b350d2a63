-- the index 000003 created: info; the wait for its lock stays reported (missing-lock-timeout)
DROP INDEX users_nickname_idx;
