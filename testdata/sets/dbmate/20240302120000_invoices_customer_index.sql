-- migrate:up transaction:false
create index concurrently invoices_customer_id_idx on invoices (customer_id);

-- migrate:down
drop index invoices_customer_id_idx;
