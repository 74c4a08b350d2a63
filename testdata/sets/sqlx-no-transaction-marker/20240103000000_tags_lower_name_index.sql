-- No-Transaction
CREATE INDEX CONCURRENTLY tags_lower_name_idx ON tags (lower(name));
