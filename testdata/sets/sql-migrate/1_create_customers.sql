-- +migrate Up
CREATE TABLE customers (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL,
    name varchar(50) NOT NULL
);

-- +migrate Down
DROP TABLE customers;
