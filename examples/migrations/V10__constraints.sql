-- Version 10 runs after version 4: ddlint orders migrations by version, not by text.
SET lock_timeout = '2s';
ALTER TABLE orders ADD CONSTRAINT orders_user_fk
    FOREIGN KEY (user_id) REFERENCES users (id);                    -- validates under a write lock

-- The safe way: NOT VALID here, VALIDATE in a later migration (V12): Flyway runs each script
-- in a transaction of its own, and the ADD's lock must not be held while the rows are checked.
ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;
-- SET NOT NULL without a scan (PostgreSQL 12+) starts with a CHECK added NOT VALID.
ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;

-- Widening a varchar is done in place.
ALTER TABLE users ALTER COLUMN email TYPE varchar(200);
