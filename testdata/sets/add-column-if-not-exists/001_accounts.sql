CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL, region text, owner_id bigint, created_at timestamptz);
