-- the migrator writes CONCURRENTLY only when it runs the file outside a transaction
SET lock_timeout = '2s';
create index {{ if not .Transactional }}concurrently{{end}} repos_stars_idx on "{{.Schema}}".repos (stars);
