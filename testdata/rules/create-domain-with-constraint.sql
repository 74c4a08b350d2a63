-- create-domain-with-constraint: CREATE DOMAIN ... CHECK (...). The CHECK lives in the type:
-- changing it later is an ALTER DOMAIN that checks every table using the domain at once.
-- Reported once per statement, at its first CHECK.

-- Positives -------------------------------------------------------------------------------

CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%'); -- expect: create-domain-with-constraint
-- AS is optional; named constraints; schema-qualified and quoted names.
CREATE DOMAIN postal_code text CONSTRAINT postal_code_format CHECK (VALUE ~ '^[0-9]{5}$'); -- expect: create-domain-with-constraint
CREATE DOMAIN billing.amount AS numeric(12, 2) CHECK (VALUE >= 0); -- expect: create-domain-with-constraint
CREATE DOMAIN "Rating" AS int CHECK (VALUE BETWEEN 1 AND 5); -- expect: create-domain-with-constraint
-- With NOT NULL and a DEFAULT besides the CHECK.
CREATE DOMAIN quantity AS int NOT NULL DEFAULT 1 CHECK (VALUE > 0); -- expect: create-domain-with-constraint
-- Several lines: reported at the line of the (first) CHECK.
CREATE DOMAIN phone AS text
  NOT NULL
  CONSTRAINT phone_digits CHECK (VALUE ~ '^\+?[0-9 ]+$') -- expect: create-domain-with-constraint
  CONSTRAINT phone_length CHECK (length(VALUE) <= 20);
-- Two unnamed CHECKs: one finding, at the first.
CREATE DOMAIN percent AS numeric
  CHECK (VALUE >= 0) -- expect: create-domain-with-constraint
  CHECK (VALUE <= 100);

-- Negatives -------------------------------------------------------------------------------

-- A plain domain, or one with only NOT NULL / NULL, DEFAULT or COLLATE.
CREATE DOMAIN slug AS text;
CREATE DOMAIN user_id AS bigint NOT NULL;
CREATE DOMAIN nickname AS text NULL DEFAULT '';
CREATE DOMAIN label AS text COLLATE "C";
-- The CHECK on the table's column instead (its own rule decides about NOT VALID).
CREATE TABLE contacts (id bigint, email text CHECK (email LIKE '%@%'));
ALTER TABLE users ADD CONSTRAINT users_email_has_at CHECK (email LIKE '%@%') NOT VALID;
-- Other kinds of types.
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE point2 AS (x float8, y float8);
-- A constraint added to an existing domain is alter-domain-add-constraint's finding.
ALTER DOMAIN slug ADD CONSTRAINT slug_format CHECK (VALUE ~ '^[a-z0-9-]+$') NOT VALID;
