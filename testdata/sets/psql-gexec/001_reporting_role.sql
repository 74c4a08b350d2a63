-- psql runs each row of the query's result as a statement; \gexec also ends the query.
SELECT format('CREATE ROLE %I NOLOGIN', 'reporting')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'reporting')\gexec
SET lock_timeout = '5s';
ALTER TABLE orders ADD COLUMN note text;
CREATE INDEX orders_note_idx ON orders (note);
