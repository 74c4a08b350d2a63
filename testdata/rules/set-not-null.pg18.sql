-- fixture: pg-version=18
-- set-not-null on PostgreSQL 18: NOT NULL table constraints. ADD CONSTRAINT ... NOT NULL
-- without NOT VALID scans under ACCESS EXCLUSIVE like SET NOT NULL; with NOT VALID it does not
-- scan, and VALIDATE CONSTRAINT scans under SHARE UPDATE EXCLUSIVE (verified on 18.4).

-- Positives -------------------------------------------------------------------------------

ALTER TABLE users ADD CONSTRAINT users_email_nn NOT NULL email; -- expect: set-not-null
ALTER TABLE users ADD NOT NULL login; -- expect: set-not-null
ALTER TABLE users ADD CONSTRAINT "Users_Name" NOT NULL "Name" NO INHERIT; -- expect: set-not-null
-- A NOT NULL constraint added NOT VALID and never validated: SET NOT NULL still scans.
ALTER TABLE users ADD CONSTRAINT users_phone_nn NOT NULL phone NOT VALID;
ALTER TABLE users ALTER COLUMN phone SET NOT NULL; -- expect: set-not-null

-- Negatives -------------------------------------------------------------------------------

-- The safe path: NOT VALID, then VALIDATE in its own transaction; the column is NOT NULL after.
ALTER TABLE users ADD CONSTRAINT users_city_nn NOT NULL city NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_city_nn;
ALTER TABLE users ALTER COLUMN city SET NOT NULL;
ALTER TABLE users ADD CONSTRAINT users_city_nn2 NOT NULL city;
-- A validated CHECK proves the column for ADD CONSTRAINT ... NOT NULL too (verified on 18.4).
ALTER TABLE users ADD CONSTRAINT users_zip_check CHECK (zip IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_zip_check;
ALTER TABLE users ADD CONSTRAINT users_zip_nn NOT NULL zip;
-- A table created in this migration is empty.
CREATE TABLE sessions (id bigint PRIMARY KEY, token text, CONSTRAINT sessions_token_nn NOT NULL token);
ALTER TABLE sessions ADD CONSTRAINT sessions_id_nn NOT NULL id;
