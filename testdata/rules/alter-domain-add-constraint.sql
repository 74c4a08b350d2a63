-- alter-domain-add-constraint: ALTER DOMAIN ... ADD CONSTRAINT without NOT VALID checks the
-- new constraint against every column of the domain, scanning all those tables at once.

-- Positives -------------------------------------------------------------------------------

ALTER DOMAIN email ADD CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%'); -- expect: alter-domain-add-constraint
-- Unnamed; schema-qualified; quoted.
ALTER DOMAIN email ADD CHECK (length(VALUE) <= 254); -- expect: alter-domain-add-constraint
ALTER DOMAIN public.postal_code ADD CONSTRAINT postal_code_format CHECK (VALUE ~ '^[0-9]{5}$'); -- expect: alter-domain-add-constraint
ALTER DOMAIN "Money" ADD CONSTRAINT "Money_positive" CHECK (VALUE >= 0); -- expect: alter-domain-add-constraint
-- Several lines: reported at the statement's first line.
ALTER DOMAIN phone -- expect: alter-domain-add-constraint
  ADD CONSTRAINT phone_digits
  CHECK (VALUE ~ '^\+?[0-9 ]+$');
-- Inside a transaction block too.
BEGIN;
ALTER DOMAIN rating ADD CONSTRAINT rating_range CHECK (VALUE BETWEEN 1 AND 5); -- expect: alter-domain-add-constraint
COMMIT;

-- Negatives -------------------------------------------------------------------------------

-- NOT VALID: only new values are checked; existing rows are not scanned.
ALTER DOMAIN email ADD CONSTRAINT email_lowercase CHECK (VALUE = lower(VALUE)) NOT VALID;
ALTER DOMAIN public.postal_code ADD CHECK (VALUE <> '00000') NOT VALID;
-- VALIDATE CONSTRAINT afterwards, in its own transaction (the documented safe path).
ALTER DOMAIN email VALIDATE CONSTRAINT email_lowercase;
-- Other ALTER DOMAIN forms add no constraint.
ALTER DOMAIN email DROP CONSTRAINT email_has_at;
ALTER DOMAIN email DROP CONSTRAINT IF EXISTS email_legacy;
ALTER DOMAIN email RENAME CONSTRAINT email_lowercase TO email_is_lowercase;
ALTER DOMAIN email SET DEFAULT 'nobody@example.com';
ALTER DOMAIN email DROP DEFAULT;
ALTER DOMAIN email DROP NOT NULL;
ALTER DOMAIN email OWNER TO app;
ALTER DOMAIN email RENAME TO email_address;
-- A CHECK on a table column is add-check-without-not-valid's business, not this rule's.
ALTER TABLE users ADD CONSTRAINT users_email_has_at CHECK (email LIKE '%@%') NOT VALID;
-- CREATE DOMAIN without a CHECK (a CHECK there is create-domain-with-constraint's finding).
CREATE DOMAIN slug AS text NOT NULL;
