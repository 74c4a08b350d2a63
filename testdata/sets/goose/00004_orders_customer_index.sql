-- goose runs this file in a transaction: it has no NO TRANSACTION annotation.
-- +goose Up
CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);

-- +goose Down
DROP INDEX CONCURRENTLY orders_customer_id_idx;
