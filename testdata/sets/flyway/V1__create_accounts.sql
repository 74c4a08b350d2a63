-- The handle starts out short.
CREATE TABLE accounts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    handle varchar(20) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
