-- alone in its script, yet Flyway's parser does not list REINDEX INDEX CONCURRENTLY among the
-- statements it runs outside a transaction: Flyway wraps it and PostgreSQL refuses it
REINDEX INDEX CONCURRENTLY readings_value_idx;
