-- fails on the row with id 2 that COPY loaded
ALTER TABLE t ADD CONSTRAINT t_id_small CHECK (id < 2);
