INSERT INTO accounts (name) VALUES ('new code') RETURNING id, created_at;
UPDATE accounts SET name = 'new update' WHERE id = 2;
SELECT count(*) FROM accounts;
