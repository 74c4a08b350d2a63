-- flyway.mixed=true: a script with a statement that cannot run in a transaction runs
-- without one, so the concurrent index is fine next to the other statements.
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email);
COMMENT ON INDEX accounts_email_idx IS 'login lookup';
