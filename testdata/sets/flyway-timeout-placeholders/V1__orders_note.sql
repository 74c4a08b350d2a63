-- Flyway replaces placeholders inside string literals too.
SET lock_timeout = '${lockTimeout}';
ALTER TABLE orders ADD COLUMN note text;
