-- PostgreSQL 18 syntax: a virtual and a stored generated column, a named NOT NULL constraint.
CREATE TABLE invoices (
    id bigint PRIMARY KEY,
    total numeric,
    customer_id bigint,
    total_cents bigint GENERATED ALWAYS AS ((total * 100)::bigint),
    total_tax numeric GENERATED ALWAYS AS (total * 1.2) STORED,
    CONSTRAINT invoices_total_nn NOT NULL total
);
