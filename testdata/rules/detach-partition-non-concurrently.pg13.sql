-- fixture: pg-version=13
-- detach-partition-non-concurrently on PostgreSQL 13: DETACH PARTITION ... CONCURRENTLY does
-- not exist before PostgreSQL 14, so there is no alternative to point to and the plain form
-- is not reported.

-- Negatives -------------------------------------------------------------------------------

ALTER TABLE measurements DETACH PARTITION measurements_2020;
ALTER TABLE ONLY measurements DETACH PARTITION measurements_2021;
ALTER TABLE public.events DETACH PARTITION public.events_2020;
ALTER TABLE "Logs" DETACH PARTITION "Logs_2020";
ALTER TABLE
  measurements
  DETACH PARTITION measurements_2022;
BEGIN;
ALTER TABLE events DETACH PARTITION events_2021;
COMMIT;
