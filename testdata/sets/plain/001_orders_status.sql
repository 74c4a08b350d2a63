-- Outside a transaction SET LOCAL lasts for its own statement only (PostgreSQL warns); in a
-- file the tool wraps in a transaction it covers the rest of the file.
SET LOCAL lock_timeout = '3s';
ALTER TABLE orders ADD COLUMN status text;
