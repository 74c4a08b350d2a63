-- migrate:up
create table invoices (
    id bigint generated always as identity primary key,
    customer_id bigint not null,
    total numeric(12, 2) not null
);

-- migrate:down
drop table invoices;
