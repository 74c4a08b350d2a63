-- One audit table per environment: the placeholder is part of the names.
CREATE TABLE audit_${suffix} (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    happened_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_${suffix}_happened_at_idx ON audit_${suffix} (happened_at);
