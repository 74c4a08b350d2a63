-- Deploy flipr:flips_nickname_index to pg
-- requires: flips

BEGIN;

CREATE INDEX CONCURRENTLY flips_nickname_idx ON flips (nickname);

COMMIT;
