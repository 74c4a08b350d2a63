-- the code after the change: reads and writes full_name
INSERT INTO users (full_name, email) VALUES ('new code', 'new@example.com');
UPDATE users SET full_name = 'renamed by new code' WHERE id = 2;
SELECT id, full_name FROM users WHERE full_name = 'new code' LIMIT 1;
