CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text);
CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id bigint);
INSERT INTO users (name) SELECT 'u' || i FROM generate_series(1, 100) AS i;
INSERT INTO orders (user_id) SELECT 1 + i % 100 FROM generate_series(1, 2000) AS i;
