SELECT code + 1 FROM items WHERE id = 1;
