CREATE TABLE users (id bigint PRIMARY KEY, email text);
CREATE INDEX users_email_idx ON users (email);
INSERT INTO users SELECT g, 'u' || g FROM generate_series(1, 1000) g;
