CREATE TABLE items (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, code text);
INSERT INTO items (code) SELECT i::text FROM generate_series(1, 1500) AS i;
