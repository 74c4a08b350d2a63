CREATE INDEX orders_user_id_idx ON orders (user_id);                -- blocks writes while it builds
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_name_idx ON users (name); -- safe
