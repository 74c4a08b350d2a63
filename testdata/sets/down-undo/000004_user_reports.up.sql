SET lock_timeout = '2s';
CREATE VIEW active_users AS SELECT id, email FROM users;
CREATE MATERIALIZED VIEW user_counts AS SELECT count(*) AS n FROM users;
CREATE FUNCTION user_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM users';
CREATE TYPE user_status AS ENUM ('active', 'banned');
CREATE TYPE user_pair AS (a bigint, b bigint);
CREATE DOMAIN user_email AS text;
CREATE SEQUENCE user_report_seq;
