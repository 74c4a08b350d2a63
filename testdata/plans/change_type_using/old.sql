INSERT INTO items (code) VALUES ('42');
SELECT code FROM items WHERE id = 1;
