-- mixed with a transactional statement: Flyway (mixed=false) refuses the whole script, once
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY readings_value_desc_idx ON readings (value DESC);
DROP INDEX CONCURRENTLY readings_id_value_idx;
