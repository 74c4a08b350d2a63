CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE sessions (id bigserial PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts);
