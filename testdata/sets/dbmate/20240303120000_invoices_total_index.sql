-- migrate:up
set lock_timeout = '5s';
create index concurrently invoices_total_idx on invoices (total);

-- migrate:down transaction:false
drop index concurrently invoices_total_idx;
