-- No metadata.toml: Diesel runs this migration in a transaction.
CREATE INDEX CONCURRENTLY posts_published_idx ON posts (published);
