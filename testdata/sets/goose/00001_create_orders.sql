-- +goose Up
CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL,
    status text NOT NULL DEFAULT 'new'
);
CREATE TABLE order_lines (
    order_id bigint NOT NULL,
    amount numeric(12, 2) NOT NULL
);

-- +goose Down
DROP TABLE order_lines;
DROP TABLE orders;
