-- the running code always writes email
INSERT INTO users (email) VALUES ('old@example.com');
SELECT count(*) FROM users WHERE email IS NOT NULL;
