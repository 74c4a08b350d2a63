SET lock_timeout = '2s';
-- virtual: computed when read, no rewrite
ALTER TABLE invoices ALTER COLUMN total_cents SET EXPRESSION AS ((total * 1000)::bigint);
-- stored: every row recomputed under ACCESS EXCLUSIVE
ALTER TABLE invoices ALTER COLUMN total_tax SET EXPRESSION AS (total * 1.25);
-- NOT NULL by the V1 constraint: nothing to do
ALTER TABLE invoices ALTER COLUMN total SET NOT NULL;
-- the safe path to NOT NULL on 18
ALTER TABLE invoices ADD CONSTRAINT invoices_customer_nn NOT NULL customer_id NOT VALID;
