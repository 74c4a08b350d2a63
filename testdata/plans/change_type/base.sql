CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, amount integer NOT NULL,
  note text);
INSERT INTO orders (amount) SELECT i FROM generate_series(1, 2000) AS i;
CREATE INDEX orders_amount_idx ON orders (amount);
