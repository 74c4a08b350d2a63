-- Revert flipr:flips from pg

BEGIN;

DROP TABLE flips;

COMMIT;
