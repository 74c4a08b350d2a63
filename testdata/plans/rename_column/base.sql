CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL,
  email text);
INSERT INTO users (name, email) SELECT 'user ' || i, 'u' || i || '@example.com'
  FROM generate_series(1, 3000) AS i;
CREATE INDEX users_name_idx ON users (name);
