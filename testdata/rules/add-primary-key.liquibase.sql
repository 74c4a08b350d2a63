--liquibase formatted sql
-- add-primary-key across Liquibase changesets: the tables of the first changeset are existing
-- tables in the next ones, and ddlint knows which of their columns are nullable.
-- ADD PRIMARY KEY USING INDEX sets the key columns NOT NULL: on a nullable column that scans
-- the table under ACCESS EXCLUSIVE (PostgreSQL 15: seq_scan +1), unless a validated
-- CHECK (col IS NOT NULL) proves it (seq_scan +0, PostgreSQL 12+). A NOT VALID one does not.

--changeset app:1
CREATE TABLE events (id bigint, kind text);
CREATE UNIQUE INDEX events_id_idx ON events (id);
CREATE TABLE pairs (a bigint, b bigint NOT NULL);
CREATE UNIQUE INDEX pairs_a_b_idx ON pairs (a, b);
CREATE TABLE users (id bigint NOT NULL, email text);
CREATE UNIQUE INDEX users_id_idx ON users (id);
CREATE TABLE logs (id bigint, at timestamptz);
CREATE UNIQUE INDEX logs_id_idx ON logs (id);
CREATE TABLE notes (id bigint, body text);
CREATE UNIQUE INDEX notes_id_idx ON notes (id);
CREATE TABLE tags (id bigint, name text);
CREATE UNIQUE INDEX tags_id_idx ON tags (id);
CREATE TABLE votes (id bigint, n bigint);
CREATE TABLE items (id bigint NOT NULL);
CREATE TABLE links (id bigint);
CREATE UNIQUE INDEX links_id_idx ON links (id);

--changeset app:2 runInTransaction:false
-- Positives -------------------------------------------------------------------------------
-- USING INDEX on a nullable column: the fix proves it NOT NULL first.
ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_id_idx; -- expect: add-primary-key
-- Several key columns: only the nullable one needs the proof.
ALTER TABLE pairs ADD CONSTRAINT pairs_pkey PRIMARY KEY USING INDEX pairs_a_b_idx; -- expect: add-primary-key
-- Without a constraint name the constraint is named after the index.
ALTER TABLE links ADD PRIMARY KEY USING INDEX links_id_idx; -- expect: add-primary-key
-- A NOT VALID CHECK proves nothing yet.
ALTER TABLE tags ADD CONSTRAINT tags_id_not_null CHECK (id IS NOT NULL) NOT VALID;
ALTER TABLE tags ADD CONSTRAINT tags_pkey PRIMARY KEY USING INDEX tags_id_idx; -- expect: add-primary-key
-- ADD PRIMARY KEY (col) on a nullable column: the fix proves it, builds the index
-- concurrently and attaches it.
ALTER TABLE votes ADD PRIMARY KEY (id); -- expect: add-primary-key
-- On a NOT NULL column: the index build only.
ALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY (id); -- expect: add-primary-key

-- Negatives -------------------------------------------------------------------------------
-- The key column is NOT NULL already.
ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_id_idx;
-- A validated CHECK proves the column not null: no scan.
ALTER TABLE logs ADD CONSTRAINT logs_id_not_null CHECK (id IS NOT NULL) NOT VALID;
ALTER TABLE logs VALIDATE CONSTRAINT logs_id_not_null;
ALTER TABLE logs ADD CONSTRAINT logs_pkey PRIMARY KEY USING INDEX logs_id_idx;
ALTER TABLE notes ADD CONSTRAINT notes_id_not_null CHECK (id IS NOT NULL AND body <> '') NOT VALID;
ALTER TABLE notes VALIDATE CONSTRAINT notes_id_not_null;
ALTER TABLE notes ADD CONSTRAINT notes_pkey PRIMARY KEY USING INDEX notes_id_idx;
-- Columns or indexes ddlint does not know: nothing to say.
ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_id_idx;
ALTER TABLE events ADD CONSTRAINT events_other_pkey PRIMARY KEY USING INDEX no_such_idx;
