-- attach-partition-without-check: ALTER TABLE ... ATTACH PARTITION of a table that existed
-- before this migration and has no validated CHECK constraint that could prove the partition
-- bound: every row of the partition is scanned under ACCESS EXCLUSIVE. (ddlint cannot compare
-- a CHECK with the bound, so any validated CHECK on the partition counts as the proof.)

-- Positives -------------------------------------------------------------------------------

-- Range, list, hash and DEFAULT partitions.
ALTER TABLE measurements ATTACH PARTITION measurements_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01'); -- expect: attach-partition-without-check
ALTER TABLE orders_by_region ATTACH PARTITION orders_eu FOR VALUES IN ('de', 'fr', 'it'); -- expect: attach-partition-without-check
ALTER TABLE events ATTACH PARTITION events_p0 FOR VALUES WITH (MODULUS 4, REMAINDER 0); -- expect: attach-partition-without-check
ALTER TABLE tickets_by_status ATTACH PARTITION tickets_other DEFAULT; -- expect: attach-partition-without-check
-- Schema-qualified and quoted names; ONLY / IF EXISTS.
ALTER TABLE public.measurements ATTACH PARTITION archive.measurements_2019 FOR VALUES FROM ('2019-01-01') TO ('2020-01-01'); -- expect: attach-partition-without-check
ALTER TABLE "Metrics" ATTACH PARTITION "Metrics_2024" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01'); -- expect: attach-partition-without-check
ALTER TABLE IF EXISTS measurements ATTACH PARTITION measurements_2018 FOR VALUES FROM ('2018-01-01') TO ('2019-01-01'); -- expect: attach-partition-without-check
-- Several lines: reported at the ATTACH PARTITION subcommand.
ALTER TABLE measurements
  ATTACH PARTITION measurements_2023 -- expect: attach-partition-without-check
  FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');

-- A CHECK added NOT VALID but never validated proves nothing.
ALTER TABLE measurements_2022 ADD CONSTRAINT measurements_2022_bound
  CHECK (ts >= '2022-01-01' AND ts < '2023-01-01') NOT VALID;
ALTER TABLE measurements ATTACH PARTITION measurements_2022 FOR VALUES FROM ('2022-01-01') TO ('2023-01-01'); -- expect: attach-partition-without-check
-- A validated CHECK that was dropped again proves nothing.
ALTER TABLE measurements_2021 ADD CONSTRAINT measurements_2021_bound
  CHECK (ts >= '2021-01-01' AND ts < '2022-01-01') NOT VALID;
ALTER TABLE measurements_2021 VALIDATE CONSTRAINT measurements_2021_bound;
ALTER TABLE measurements_2021 DROP CONSTRAINT measurements_2021_bound;
ALTER TABLE measurements ATTACH PARTITION measurements_2021 FOR VALUES FROM ('2021-01-01') TO ('2022-01-01'); -- expect: attach-partition-without-check
-- A validated CHECK on another table (here: the same name in another schema) proves nothing
-- for this one.
ALTER TABLE archive.measurements_2020 ADD CONSTRAINT bound_2020
  CHECK (ts >= '2020-01-01' AND ts < '2021-01-01') NOT VALID;
ALTER TABLE archive.measurements_2020 VALIDATE CONSTRAINT bound_2020;
ALTER TABLE measurements ATTACH PARTITION measurements_2020 FOR VALUES FROM ('2020-01-01') TO ('2021-01-01'); -- expect: attach-partition-without-check
-- Inside a transaction block too.
BEGIN;
ALTER TABLE events ATTACH PARTITION events_p1 FOR VALUES WITH (MODULUS 4, REMAINDER 1); -- expect: attach-partition-without-check
COMMIT;

-- Negatives -------------------------------------------------------------------------------

-- The documented way: CHECK matching the bound NOT VALID, VALIDATE (SHARE UPDATE EXCLUSIVE),
-- then ATTACH uses the CHECK and skips the scan; the CHECK is dropped afterwards.
ALTER TABLE measurements_2025 ADD CONSTRAINT measurements_2025_bound
  CHECK (ts IS NOT NULL AND ts >= '2025-01-01' AND ts < '2026-01-01') NOT VALID;
ALTER TABLE measurements_2025 VALIDATE CONSTRAINT measurements_2025_bound;
ALTER TABLE measurements ATTACH PARTITION measurements_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
ALTER TABLE measurements_2025 DROP CONSTRAINT measurements_2025_bound;

-- An unnamed CHECK, validated under PostgreSQL's default name.
ALTER TABLE orders_us ADD CHECK (region IS NOT NULL AND region IN ('us')) NOT VALID;
ALTER TABLE orders_us VALIDATE CONSTRAINT orders_us_region_check;
ALTER TABLE orders_by_region ATTACH PARTITION orders_us FOR VALUES IN ('us');

-- A CHECK added without NOT VALID is validated at once (that scan is
-- add-check-without-not-valid's finding) and proves the bound too.
ALTER TABLE orders_ca ADD CONSTRAINT orders_ca_bound CHECK (region IS NOT NULL AND region IN ('ca')); -- expect: add-check-without-not-valid
ALTER TABLE orders_by_region ATTACH PARTITION orders_ca FOR VALUES IN ('ca');

-- Schema-qualified: public.measurements_2026 is measurements_2026.
ALTER TABLE public.measurements_2026 ADD CONSTRAINT m2026_bound
  CHECK (ts IS NOT NULL AND ts >= '2026-01-01' AND ts < '2027-01-01') NOT VALID;
ALTER TABLE measurements_2026 VALIDATE CONSTRAINT m2026_bound;
ALTER TABLE measurements ATTACH PARTITION public.measurements_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

-- A table created in this file is empty: nothing to scan.
CREATE TABLE measurements_2027 (LIKE measurements INCLUDING DEFAULTS);
ALTER TABLE measurements ATTACH PARTITION measurements_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
CREATE TABLE "Metrics_2025" (ts timestamptz, value float8);
ALTER TABLE "Metrics" ATTACH PARTITION "Metrics_2025" FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

-- Creating the partition directly attaches an empty table.
CREATE TABLE measurements_2028 PARTITION OF measurements FOR VALUES FROM ('2028-01-01') TO ('2029-01-01');

-- Detaching scans nothing (without CONCURRENTLY it is detach-partition-non-concurrently's).
ALTER TABLE measurements DETACH PARTITION measurements_2018 CONCURRENTLY;
