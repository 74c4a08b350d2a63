-- VACUUM is on Flyway's list: a script of VACUUMs runs without a transaction
VACUUM (ANALYZE) readings;
VACUUM readings;
