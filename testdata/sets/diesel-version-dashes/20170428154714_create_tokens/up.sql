CREATE TABLE tokens (id bigint PRIMARY KEY, created_at timestamp NOT NULL);
