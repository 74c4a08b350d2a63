--liquibase formatted sql

--changeset bob:3 runInTransaction:false
CREATE INDEX CONCURRENTLY users_created_at_idx ON users (created_at);
--rollback DROP INDEX CONCURRENTLY users_created_at_idx;

--changeset bob:4
--comment: Liquibase runs this changeset in a transaction
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
--rollback DROP INDEX CONCURRENTLY users_email_idx;

--changeset bob:5
SET lock_timeout = '5s';
ALTER TABLE sessions ADD COLUMN ended_at timestamptz;
--rollback ALTER TABLE sessions DROP COLUMN ended_at;
