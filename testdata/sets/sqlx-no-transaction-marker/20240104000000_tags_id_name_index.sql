-- no-transaction
CREATE INDEX CONCURRENTLY tags_id_name_idx ON tags (id, name);
