INSERT INTO users (name) VALUES ('old code') RETURNING id, created_at;
UPDATE users SET name = 'old update' WHERE id = 1;
DELETE FROM users WHERE id = 3;
SELECT count(*) FROM users;
