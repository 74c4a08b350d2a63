BEGIN;
SET LOCAL lock_timeout = '3s';
ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new';
COMMIT;
