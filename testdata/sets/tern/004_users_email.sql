---- tern: disable-tx ----
-- without a transaction (the up part holds tern's disable-tx line): fine
create index concurrently users_id_name_idx on users (id, name);

---- create above / drop below ----

-- the down part has no disable-tx line: it runs in a transaction
drop index concurrently users_id_name_idx;
