-- The tables --rows fills (tests/trace.sh): every kind of column and constraint the generator
-- knows, referenced tables created after the tables that reference them, the foreign keys added at
-- the end as pg_dump adds them.
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
CREATE DOMAIN short_code AS varchar(6);

CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id integer NOT NULL,
    item_code short_code NOT NULL,
    quantity positive NOT NULL,
    status text NOT NULL CHECK (status IN ('open', 'shipped')),
    discount numeric(4, 2) CHECK (discount BETWEEN 0 AND 50),
    total numeric(12, 2) GENERATED ALWAYS AS (quantity * 2.5) STORED,
    placed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE customers (
    id integer PRIMARY KEY,
    email varchar(40) NOT NULL UNIQUE,
    region_id integer NOT NULL,
    mood mood NOT NULL,
    tags text[] NOT NULL,
    settings jsonb NOT NULL,
    active boolean NOT NULL,
    signed_up date NOT NULL,
    token uuid NOT NULL UNIQUE,
    avatar bytea,
    note text
);

CREATE TABLE regions (
    id integer PRIMARY KEY,
    name varchar(3) NOT NULL UNIQUE,
    serial_no serial NOT NULL
);

CREATE TABLE items (
    code short_code PRIMARY KEY,
    weight double precision NOT NULL,
    valid tstzrange NOT NULL DEFAULT tstzrange(now(), NULL)
);

-- no generated value satisfies this CHECK, nor any of its constants: not filled
CREATE TABLE impossible (
    id integer PRIMARY KEY,
    code text NOT NULL CHECK (length(code) > 200 AND code LIKE 'x%')
);

ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);
ALTER TABLE orders ADD CONSTRAINT orders_item_fk FOREIGN KEY (item_code) REFERENCES items (code);
ALTER TABLE customers ADD CONSTRAINT customers_region_fk FOREIGN KEY (region_id) REFERENCES regions (id);
