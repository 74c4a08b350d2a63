INSERT INTO users (email) VALUES ('x' || clock_timestamp() || '@example.com');
SELECT count(*) FROM users;
