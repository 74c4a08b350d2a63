-- dbmate wraps each section in a transaction unless the marker says transaction:false.
-- migrate:up
CREATE INDEX CONCURRENTLY orders_user_idx ON orders (user_id); -- expect: concurrently-in-transaction

-- migrate:down transaction:false
DROP INDEX CONCURRENTLY orders_user_idx;
