CREATE TABLE repos (id bigint PRIMARY KEY, name text NOT NULL, stars integer);
