-- the code before the change: reads and writes name
INSERT INTO users (name, email) VALUES ('old code', 'old@example.com');
UPDATE users SET name = 'renamed by old code' WHERE id = 1;
SELECT id, name FROM users WHERE name = 'old code' LIMIT 1;
