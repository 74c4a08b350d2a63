SET lock_timeout = '2s';
CREATE INDEX users_email_lower_idx ON users (lower(email));
CREATE UNIQUE INDEX users_id_email_key ON users (id, email);
DROP INDEX users_email_idx;
