-- drop-schema: DROP SCHEMA in a migration removes the schema and, with CASCADE, every table,
-- view, function and type in it, with their data.

-- Positives -------------------------------------------------------------------------------

DROP SCHEMA reporting CASCADE; -- expect: drop-schema
-- Without CASCADE (RESTRICT is the default) it fails unless the schema is empty, and code
-- that uses it still breaks.
DROP SCHEMA legacy; -- expect: drop-schema
DROP SCHEMA legacy_v2 RESTRICT; -- expect: drop-schema
DROP SCHEMA IF EXISTS staging CASCADE; -- expect: drop-schema
-- Several schemas: one statement, one finding.
DROP SCHEMA audit, audit_archive CASCADE; -- expect: drop-schema
-- Quoted names.
DROP SCHEMA "Reporting" CASCADE; -- expect: drop-schema
-- A statement over several lines: reported at its first line.
DROP SCHEMA -- expect: drop-schema
  IF EXISTS
  tmp_import
  CASCADE;
-- Inside a transaction block it can be rolled back, but after COMMIT everything is gone.
BEGIN;
DROP SCHEMA metrics CASCADE; -- expect: drop-schema
COMMIT;

-- Negatives -------------------------------------------------------------------------------

-- Creating, renaming or changing the owner of a schema removes nothing.
CREATE SCHEMA reporting;
CREATE SCHEMA IF NOT EXISTS analytics AUTHORIZATION app;
ALTER SCHEMA analytics OWNER TO app_owner;
-- Dropping one object in a schema is other rules' business.
DROP TABLE reporting.daily_totals; -- expect: drop-table
-- "schema" in a string or a comment: DROP SCHEMA reporting CASCADE;
SELECT 'DROP SCHEMA reporting CASCADE' AS example;
