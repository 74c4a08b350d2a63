-- fixture: assume-in-transaction
-- squawk's "-- squawk-disable-assume-in-transaction" (a comment of exactly that text, anywhere
-- in the file) says the tool does not wrap this file in a transaction, whatever
-- --assume-in-transaction says: the BEGIN and COMMIT below are the file's own.
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;
-- squawk-disable-assume-in-transaction
