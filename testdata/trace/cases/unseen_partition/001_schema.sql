CREATE TABLE events (id int, day date) PARTITION BY RANGE (day);
-- a partition made by a DO block: the lock model cannot see it
DO $$ BEGIN
  EXECUTE 'CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM (''2026-01-01'') TO (''2027-01-01'')';
END $$;
