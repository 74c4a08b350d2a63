-- drop-database: DROP DATABASE in a migration removes a whole database; it cannot run in a
-- transaction block, so nothing rolls it back.

-- Positives -------------------------------------------------------------------------------

DROP DATABASE analytics; -- expect: drop-database
-- IF EXISTS and FORCE (PG 13+, which also terminates the connections) change nothing.
DROP DATABASE IF EXISTS analytics_old; -- expect: drop-database
DROP DATABASE reporting WITH (FORCE); -- expect: drop-database
DROP DATABASE IF EXISTS reporting_copy (FORCE); -- expect: drop-database
-- Quoted names.
DROP DATABASE "Legacy-Data"; -- expect: drop-database
-- A statement over several lines: reported at its first line.
DROP DATABASE -- expect: drop-database
  IF EXISTS
  staging_db;

-- Negatives -------------------------------------------------------------------------------

-- Creating, altering or renaming a database destroys nothing.
CREATE DATABASE analytics;
ALTER DATABASE analytics SET statement_timeout = '30s';
ALTER DATABASE analytics RENAME TO analytics_v2;
-- Dropping objects inside the database is other rules' business.
DROP TABLE IF EXISTS database_sizes; -- expect: drop-table
-- "database" in a string or a comment: DROP DATABASE analytics;
SELECT 'DROP DATABASE analytics' AS example;
