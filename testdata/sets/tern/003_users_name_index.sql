-- tern runs the up part in a transaction: the concurrent index fails
set lock_timeout = '2s';
create index concurrently users_name_idx on users (name);

---- create above / drop below ----

drop index users_name_idx;
