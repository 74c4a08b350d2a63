SET lock_timeout = '2s';
-- what 000004 created: expected (info)
DROP VIEW active_users;
DROP MATERIALIZED VIEW user_counts;
DROP FUNCTION user_count();
DROP TYPE user_status, user_pair;
DROP DOMAIN user_email;
DROP SEQUENCE user_report_seq;
