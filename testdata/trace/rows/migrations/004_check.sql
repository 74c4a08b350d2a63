ALTER TABLE customers ADD CONSTRAINT customers_id_positive CHECK (id > 0);
