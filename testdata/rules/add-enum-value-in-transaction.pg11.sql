-- fixture: pg-version=11
-- add-enum-value-in-transaction before PostgreSQL 12: ALTER TYPE ... ADD VALUE cannot run
-- inside a transaction block at all ("ALTER TYPE ... ADD cannot run inside a transaction
-- block"), unless the enum type was created in that same transaction.

-- Positives -------------------------------------------------------------------------------

BEGIN;
ALTER TYPE mood ADD VALUE 'ecstatic'; -- expect: add-enum-value-in-transaction
COMMIT;

-- START TRANSACTION; BEFORE / AFTER; IF NOT EXISTS; a schema-qualified type; several lines
-- (reported at the statement's first line).
START TRANSACTION;
ALTER TYPE public.mood ADD VALUE 'content' BEFORE 'happy'; -- expect: add-enum-value-in-transaction
COMMIT;
BEGIN;
ALTER TYPE mood ADD VALUE IF NOT EXISTS 'elated' AFTER 'happy'; -- expect: add-enum-value-in-transaction
COMMIT;
BEGIN;
ALTER TYPE mood -- expect: add-enum-value-in-transaction
  ADD VALUE 'serene';
COMMIT;

-- The statement fails, so the value is never added: a later use of it in the transaction is
-- not this rule's "use before commit" (PostgreSQL has already aborted the transaction).
BEGIN;
ALTER TYPE mood ADD VALUE 'wistful'; -- expect: add-enum-value-in-transaction
UPDATE people SET current_mood = 'wistful' WHERE id = 1;
COMMIT;

-- Negatives -------------------------------------------------------------------------------

-- Outside a transaction block: allowed, and the value is committed at once.
ALTER TYPE mood ADD VALUE 'gloomy';
UPDATE people SET current_mood = 'gloomy' WHERE id = 2;
-- After the COMMIT of a transaction.
BEGIN;
UPDATE people SET current_mood = 'happy' WHERE id = 3;
COMMIT;
ALTER TYPE mood ADD VALUE 'pensive';

-- An enum type created in the same transaction may get new values there (PostgreSQL allows
-- it before 12: no index can hold the type's values yet).
BEGIN;
CREATE TYPE priority AS ENUM ('low', 'high');
ALTER TYPE priority ADD VALUE 'medium' BEFORE 'high';
COMMIT;

-- RENAME VALUE adds no value and may run in a transaction block.
BEGIN;
ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';
COMMIT;
