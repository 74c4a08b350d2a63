-- Version 10 runs after version 3: ddlint orders migrations by version, not by text.
ALTER TABLE orders ADD CONSTRAINT orders_user_fk
    FOREIGN KEY (user_id) REFERENCES users (id);                    -- validates under a write lock

-- The safe way: NOT VALID, then VALIDATE in its own transaction.
ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_positive;

-- SET NOT NULL without a scan (PostgreSQL 12+): a validated CHECK proves it.
ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT users_email_not_null;

-- Widening a varchar is done in place.
ALTER TABLE users ALTER COLUMN email TYPE varchar(200);
