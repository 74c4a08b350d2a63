-- Flyway placeholders are replaced before PostgreSQL sees the script.
CREATE TABLE ${schema}.audit_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL,
    happened_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_events_account_idx ON ${schema}.audit_events (account_id);
GRANT SELECT ON ${schema}.audit_events TO ${reporting_role};
