-- no-transaction
CREATE INDEX CONCURRENTLY tags_color_idx ON tags (color);
