SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email);
