CREATE INDEX orders_quantity ON orders (quantity);
