-- The validations of V10's constraints, in their own transaction: they scan the tables
-- without blocking reads or writes.
SET lock_timeout = '2s';
ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_positive;
ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;
-- The validated CHECK proves the column not null: SET NOT NULL does not scan (PostgreSQL 12+).
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT users_email_not_null;
