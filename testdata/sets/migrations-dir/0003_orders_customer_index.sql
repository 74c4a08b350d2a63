-- orders was created by 0001, an earlier migration of the set: it exists and may hold rows,
-- and its code column is varchar(20), so widening it is done in place.
SET lock_timeout = '5s';
ALTER TABLE orders ALTER COLUMN code TYPE varchar(40);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
