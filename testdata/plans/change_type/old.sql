INSERT INTO orders (amount) VALUES (7);
UPDATE orders SET amount = 2 WHERE id = 1;
SELECT sum(amount) FROM orders;
