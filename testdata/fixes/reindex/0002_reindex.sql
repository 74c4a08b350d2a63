SET lock_timeout = '2s';
REINDEX TABLE users;
REINDEX INDEX users_email_idx;
reindex (verbose) table users;
