INSERT INTO orders (amount) VALUES (5000000000);
SELECT max(amount) FROM orders;
