-- fixture: pg-version=12
-- On PostgreSQL 11 and 12 a domain's DEFAULT does not fill the existing rows of an added
-- column (seen on the servers of 11 and 12): NOT NULL without a DEFAULT of its own fails.
CREATE DOMAIN status AS text DEFAULT 'new';
ALTER TABLE orders ADD COLUMN state status NOT NULL; -- expect: add-column-not-null-without-default
-- its own DEFAULT fills them
ALTER TABLE orders ADD COLUMN state2 status NOT NULL DEFAULT 'new';
