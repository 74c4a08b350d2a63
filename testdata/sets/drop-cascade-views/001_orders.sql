CREATE TABLE orders (id bigint PRIMARY KEY, total numeric, note text);
CREATE VIEW order_totals AS SELECT id, total FROM orders;
CREATE VIEW big_orders AS SELECT * FROM order_totals WHERE total > 100;
CREATE VIEW order_notes AS SELECT note FROM orders;
CREATE VIEW order_ids AS SELECT o.id FROM orders o;
