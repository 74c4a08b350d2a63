-- Alone in its script: Flyway runs a script whose every statement must run outside a
-- transaction without one, so CONCURRENTLY can run here.
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_name_idx ON users (name); -- safe
