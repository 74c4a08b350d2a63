-- detach-partition-non-concurrently: ALTER TABLE ... DETACH PARTITION without CONCURRENTLY
-- (PostgreSQL 14+, which has the concurrent form; this file targets the default, 15) takes
-- ACCESS EXCLUSIVE on the parent: every query on the partitioned table waits. Parents
-- created in this migration are exempt.

-- Positives -------------------------------------------------------------------------------

ALTER TABLE measurements DETACH PARTITION measurements_2020; -- expect: detach-partition-non-concurrently
-- ONLY and IF EXISTS change nothing.
ALTER TABLE ONLY measurements DETACH PARTITION measurements_2021; -- expect: detach-partition-non-concurrently
ALTER TABLE IF EXISTS events DETACH PARTITION events_2019; -- expect: detach-partition-non-concurrently
-- Schema-qualified and quoted names.
ALTER TABLE public.events DETACH PARTITION public.events_2020; -- expect: detach-partition-non-concurrently
ALTER TABLE metrics.readings DETACH PARTITION metrics.readings_2020; -- expect: detach-partition-non-concurrently
ALTER TABLE "Logs" DETACH PARTITION "Logs_2020"; -- expect: detach-partition-non-concurrently
-- A statement over several lines: the finding starts at the DETACH subcommand.
ALTER TABLE
  measurements
  DETACH PARTITION -- expect: detach-partition-non-concurrently
    measurements_2022;
-- Inside a transaction block the plain form works, and still locks the whole parent.
BEGIN;
ALTER TABLE events DETACH PARTITION events_2021; -- expect: detach-partition-non-concurrently
COMMIT;
-- A partition created in this file of an existing parent: the parent is what gets locked.
CREATE TABLE measurements_2030 PARTITION OF measurements FOR VALUES FROM ('2030-01-01') TO ('2031-01-01');
ALTER TABLE measurements DETACH PARTITION measurements_2030; -- expect: detach-partition-non-concurrently

-- Negatives -------------------------------------------------------------------------------

-- CONCURRENTLY, outside a transaction block: SHARE UPDATE EXCLUSIVE on the parent.
ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY;
ALTER TABLE public.events DETACH PARTITION public.events_2020 CONCURRENTLY;
ALTER TABLE "Logs" DETACH PARTITION "Logs_2021" CONCURRENTLY;
ALTER TABLE
  measurements
  DETACH PARTITION measurements_2023
  CONCURRENTLY;
-- FINALIZE completes an interrupted concurrent detach (SHARE UPDATE EXCLUSIVE).
ALTER TABLE measurements DETACH PARTITION measurements_2021 FINALIZE;
-- Attaching is attach-partition-without-check's business; with a validated CHECK that
-- proves the bound nothing is scanned and it is not reported.
ALTER TABLE readings_2024 ADD CONSTRAINT readings_2024_bound CHECK (taken_at >= '2024-01-01' AND taken_at < '2025-01-01') NOT VALID;
ALTER TABLE readings_2024 VALIDATE CONSTRAINT readings_2024_bound;
ALTER TABLE readings ATTACH PARTITION readings_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

-- Partitioned tables created earlier in this file: nothing else uses them yet.
CREATE TABLE samples (id bigint, taken_at date) PARTITION BY RANGE (taken_at);
CREATE TABLE samples_2020 PARTITION OF samples FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
ALTER TABLE samples DETACH PARTITION samples_2020;
CREATE TABLE samples_2021 PARTITION OF public.samples FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');
ALTER TABLE public.samples DETACH PARTITION samples_2021;
CREATE TABLE "Traces" (id bigint, at date) PARTITION BY RANGE (at);
ALTER TABLE "Traces" DETACH PARTITION "Traces_2020";

-- "Traces" (quoted) is not traces, and archive.samples is not the new samples.
ALTER TABLE traces DETACH PARTITION traces_2020; -- expect: detach-partition-non-concurrently
ALTER TABLE archive.samples DETACH PARTITION archive.samples_2020; -- expect: detach-partition-non-concurrently
