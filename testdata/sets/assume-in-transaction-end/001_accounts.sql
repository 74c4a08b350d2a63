-- run by a wrapper in a transaction (--assume-in-transaction): the COMMIT ends it before the
-- wrapper records the migration in it
CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL);
COMMIT;
