-- no-transaction
CREATE UNIQUE INDEX CONCURRENTLY tags_name_key ON tags (name);
