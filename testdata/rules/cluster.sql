-- cluster: CLUSTER rewrites the table in index order under ACCESS EXCLUSIVE (no reads, no
-- writes), unless the table was created in this migration; without a table name, every
-- previously clustered table of the database.

-- Positives -------------------------------------------------------------------------------

CLUSTER events USING events_created_at_idx; -- expect: cluster
-- Without USING: the index recorded by an earlier CLUSTER or CLUSTER ON.
CLUSTER events; -- expect: cluster
-- Without a table: every table clustered before, one after the other.
CLUSTER; -- expect: cluster
-- VERBOSE changes nothing, in either syntax.
CLUSTER (VERBOSE) sessions USING sessions_user_id_idx; -- expect: cluster
CLUSTER VERBOSE sessions; -- expect: cluster
-- Schema-qualified and quoted names.
CLUSTER public.orders USING orders_placed_at_idx; -- expect: cluster
CLUSTER archive.orders USING orders_placed_at_idx; -- expect: cluster
CLUSTER "Customers" USING "Customers_pkey"; -- expect: cluster
-- A statement over several lines: reported at its first line.
CLUSTER -- expect: cluster
  public.audit_log
  USING audit_log_created_at_idx;
-- Inside a transaction block CLUSTER of one table works, and still rewrites it.
BEGIN;
CLUSTER payments USING payments_pkey; -- expect: cluster
COMMIT;
-- Recording the index first does not make the later CLUSTER any cheaper.
ALTER TABLE invoices_old CLUSTER ON invoices_old_issued_on_idx;
CLUSTER invoices_old; -- expect: cluster

-- Negatives -------------------------------------------------------------------------------

-- ALTER TABLE ... CLUSTER ON only records the index for later (SHARE UPDATE EXCLUSIVE, no
-- rewrite); SET WITHOUT CLUSTER forgets it.
ALTER TABLE events CLUSTER ON events_created_at_idx;
ALTER TABLE public.orders CLUSTER ON orders_placed_at_idx;
ALTER TABLE events SET WITHOUT CLUSTER;

-- Tables created earlier in this file are empty: nothing to rewrite.
CREATE TABLE readings (id bigint, taken_at timestamptz);
CREATE INDEX readings_taken_at_idx ON readings (taken_at);
CLUSTER readings USING readings_taken_at_idx;
CLUSTER public.readings USING readings_taken_at_idx;
CLUSTER (VERBOSE) readings;
CREATE TABLE "Samples" (id bigint);
CREATE INDEX "Samples_id_idx" ON "Samples" (id);
CLUSTER "Samples" USING "Samples_id_idx";

-- "Samples" (quoted) is not samples, and archive.readings is not the new readings.
CLUSTER samples USING samples_id_idx; -- expect: cluster
CLUSTER archive.readings USING readings_taken_at_idx; -- expect: cluster
