-- golang-migrate: each up file has a down file that undoes it
CREATE TABLE users (id bigint PRIMARY KEY, email text, nickname text);
