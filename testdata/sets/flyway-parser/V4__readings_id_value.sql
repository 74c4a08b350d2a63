-- alone: Flyway runs it without a transaction
CREATE INDEX CONCURRENTLY readings_id_value_idx ON readings (id, value);
