SET lock_timeout = ${lockTimeoutMs};
ALTER TABLE orders ADD COLUMN memo text;
