-- No down migration for this one.
CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL,
    placed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);
