SET lock_timeout = '2s';
ALTER TABLE invoices VALIDATE CONSTRAINT invoices_customer_nn;
ALTER TABLE invoices ALTER COLUMN customer_id SET NOT NULL;
