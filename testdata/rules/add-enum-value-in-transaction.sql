-- add-enum-value-in-transaction (PostgreSQL 12+, this file targets the default, 15):
-- ALTER TYPE ... ADD VALUE may run inside a transaction block, but the new value cannot be
-- used before the transaction commits ("unsafe use of new value"). A later use of the value
-- as a string literal in the same transaction is reported at the literal. (PostgreSQL 11 and
-- earlier: add-enum-value-in-transaction.pg11.sql.)

-- Positives -------------------------------------------------------------------------------

BEGIN;
ALTER TYPE mood ADD VALUE 'ecstatic';
UPDATE people SET current_mood = 'ecstatic' WHERE id = 1; -- expect: add-enum-value-in-transaction
COMMIT;

-- Any later statement of the transaction; several lines (reported at the literal's line);
-- with a cast; the value added BEFORE / AFTER another; a schema-qualified type.
START TRANSACTION;
ALTER TYPE public.mood ADD VALUE 'content' BEFORE 'happy';
ALTER TYPE mood ADD VALUE 'elated' AFTER 'happy';
INSERT INTO people (id, current_mood)
VALUES (2, 'happy'),
       (3, 'content'); -- expect: add-enum-value-in-transaction
SELECT count(*) FROM people WHERE current_mood = 'elated'::mood; -- expect: add-enum-value-in-transaction
SAVEPOINT step;
DELETE FROM people WHERE current_mood = 'content'; -- expect: add-enum-value-in-transaction
COMMIT;

-- A column default is converted to the enum when it is set.
BEGIN;
ALTER TYPE mood ADD VALUE 'serene';
ALTER TABLE people ALTER COLUMN current_mood SET DEFAULT 'serene'; -- expect: add-enum-value-in-transaction
COMMIT;

-- An escape-string literal is the same value.
BEGIN;
ALTER TYPE mood ADD VALUE 'wistful';
UPDATE people SET current_mood = E'wistful' WHERE id = 4; -- expect: add-enum-value-in-transaction
COMMIT;

-- Negatives -------------------------------------------------------------------------------

-- Adding the value inside a transaction is allowed from PostgreSQL 12 on; using it after
-- COMMIT is fine.
BEGIN;
ALTER TYPE mood ADD VALUE 'gloomy';
COMMIT;
UPDATE people SET current_mood = 'gloomy' WHERE id = 5;
BEGIN;
UPDATE people SET current_mood = 'gloomy' WHERE id = 6;
COMMIT;

-- Outside a transaction block the ADD VALUE commits by itself.
ALTER TYPE mood ADD VALUE 'pensive';
UPDATE people SET current_mood = 'pensive' WHERE id = 7;

-- COMMIT AND CHAIN commits the new value before the chained transaction uses it.
BEGIN;
ALTER TYPE mood ADD VALUE 'cheerful';
COMMIT AND CHAIN;
UPDATE people SET current_mood = 'cheerful' WHERE id = 8;
COMMIT;

-- In the same transaction: values that existed before, other strings, an identifier, a
-- comment mentioning 'furious', and a renamed value (RENAME VALUE adds none).
BEGIN;
ALTER TYPE mood ADD VALUE 'furious';
UPDATE people SET current_mood = 'happy' WHERE id = 9;
UPDATE people SET note = 'furious!' WHERE current_mood = 'sad';
UPDATE people SET note = 'Furious' WHERE id = 10;
SELECT 1 AS "furious";
ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';
UPDATE people SET current_mood = 'blue' WHERE id = 11;
-- A string that only looks like the value, stored in a text column, is not the enum value.
CREATE TABLE mood_notes (id bigint, note text);
INSERT INTO mood_notes (id, note) VALUES (1, 'furious');
COMMIT;

-- After ROLLBACK the value was never added (a later use fails for another reason).
BEGIN;
ALTER TYPE mood ADD VALUE 'irate';
ROLLBACK;
BEGIN;
UPDATE people SET note = 'irate' WHERE id = 12;
COMMIT;
