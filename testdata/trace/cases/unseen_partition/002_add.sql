SET lock_timeout = '1s';
-- ACCESS EXCLUSIVE on every partition: the DO block's one is reported, saying why
ALTER TABLE events ADD COLUMN source text;
