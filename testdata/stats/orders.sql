SET lock_timeout = '2s';
SET statement_timeout = '5min';
ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);
CREATE INDEX orders_created_at ON orders (created_at);
ALTER TABLE lookup ALTER COLUMN code TYPE bigint;
ALTER TABLE billing.invoices ADD CONSTRAINT invoices_amount CHECK (amount >= 0);
ALTER TABLE invoices ALTER COLUMN amount SET NOT NULL;
ALTER TABLE orders RENAME COLUMN note TO notes;
ALTER TABLE carts ADD CONSTRAINT carts_qty CHECK (qty > 0);
