CREATE INDEX orders_user_id_idx ON orders (user_id);                -- blocks writes while it builds
