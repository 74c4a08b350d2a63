-- vacuum-full: VACUUM FULL (or VACUUM (FULL)) rewrites each table it processes into a new
-- file under ACCESS EXCLUSIVE; without a table list, every table of the database. Tables
-- created earlier in this migration are empty and exempt.

-- Positives -------------------------------------------------------------------------------

VACUUM FULL events; -- expect: vacuum-full
-- No table list: every table of the database.
VACUUM FULL; -- expect: vacuum-full
-- The parenthesized option list, alone or with other options.
VACUUM (FULL) events; -- expect: vacuum-full
VACUUM (FULL, ANALYZE, VERBOSE) events; -- expect: vacuum-full
VACUUM (FULL true) sessions; -- expect: vacuum-full
VACUUM (FULL 1, ANALYZE) sessions; -- expect: vacuum-full
VACUUM (FULL, ANALYZE) events (payload, created_at); -- expect: vacuum-full
-- The old unparenthesized syntax.
VACUUM FULL ANALYZE events; -- expect: vacuum-full
VACUUM FULL VERBOSE ANALYZE sessions; -- expect: vacuum-full
VACUUM FULL FREEZE audit_log; -- expect: vacuum-full
-- Several tables: one statement, one finding.
VACUUM FULL events, sessions; -- expect: vacuum-full
-- Schema-qualified and quoted names.
VACUUM FULL public.events; -- expect: vacuum-full
VACUUM FULL archive.events; -- expect: vacuum-full
VACUUM (FULL) "Customers"; -- expect: vacuum-full
-- A statement over several lines: reported at its first line.
VACUUM -- expect: vacuum-full
  (FULL,
   ANALYZE)
  public.sessions;

-- Negatives -------------------------------------------------------------------------------

-- Plain VACUUM (SHARE UPDATE EXCLUSIVE): reads and writes continue; space is reclaimed for
-- reuse, not returned to the operating system.
VACUUM events;
VACUUM;
VACUUM ANALYZE events;
VACUUM (ANALYZE) events;
VACUUM (VERBOSE, ANALYZE) public.events (payload);
-- FREEZE without FULL freezes tuples in place: no rewrite.
VACUUM (FREEZE) audit_log;
VACUUM FREEZE audit_log;
-- FULL switched off is a plain VACUUM.
VACUUM (FULL false) events;
VACUUM (FULL off, ANALYZE) "Customers";
VACUUM (FULL 0) sessions;
-- ANALYZE alone only samples rows (SHARE UPDATE EXCLUSIVE).
ANALYZE events;

-- Tables created earlier in this file are empty: nothing to rewrite.
CREATE TABLE staging (id bigint, payload jsonb);
VACUUM FULL staging;
VACUUM (FULL, ANALYZE) public.staging;
CREATE TABLE "Scratch" (id bigint);
VACUUM FULL "Scratch";
VACUUM FULL staging, "Scratch";

-- "Scratch" (quoted) is not scratch, and archive.staging is not the new staging.
VACUUM FULL scratch; -- expect: vacuum-full
VACUUM FULL archive.staging; -- expect: vacuum-full
-- A list with a new table first still rewrites the existing one after it.
VACUUM FULL staging, events; -- expect: vacuum-full
