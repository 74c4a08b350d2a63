SET lock_timeout = '5s';
CREATE INDEX audit_events_happened_at_idx ON ${schema}.audit_events (happened_at);
