INSERT INTO orders (user_id) VALUES (5);
SELECT count(*) FROM orders JOIN users ON users.id = orders.user_id;
