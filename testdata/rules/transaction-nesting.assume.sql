-- fixture: assume-in-transaction
-- With --assume-in-transaction, a BEGIN nests in the tool's transaction. squawk reads only a
-- comment of exactly "squawk-disable-assume-in-transaction", so these do not turn it off:
-- squawk-disable-assume-in-transaction because the tool runs it plainly
-- SQUAWK-DISABLE-ASSUME-IN-TRANSACTION
SELECT 'squawk-disable-assume-in-transaction';
BEGIN; -- expect: transaction-nesting
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;
