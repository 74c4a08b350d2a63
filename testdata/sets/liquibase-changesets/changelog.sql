--liquibase formatted sql

--changeset alice:1
CREATE TABLE users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL
);
--rollback DROP TABLE users;

--changeset alice:2
--comment: appended months later: users has rows by now
SET lock_timeout = '5s';
CREATE INDEX users_email_idx ON users (email);
ALTER TABLE users ADD COLUMN nickname text NOT NULL;
--rollback ALTER TABLE users DROP COLUMN nickname;
--rollback DROP INDEX users_email_idx;
