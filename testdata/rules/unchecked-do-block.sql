-- unchecked-do-block: a DO block whose PL/pgSQL ddlint cannot read without the database's
-- catalog (here a FOR loop over a cursor) is said to be unchecked, as a warning: it may well be
-- valid. A block that is not PL/pgSQL at all is a syntax-error; a readable one is checked.

-- Positive -------------------------------------------------------------------------------------

DO $$ -- expect: unchecked-do-block
DECLARE tenants CURSOR FOR SELECT name FROM tenant;
BEGIN
  FOR t IN tenants LOOP
    ALTER TABLE users ADD COLUMN c bigint;
  END LOOP;
END $$;

-- Negatives ------------------------------------------------------------------------------------

-- the same loop over a query into a record: read, and its statement checked
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT name FROM tenant LOOP
    ALTER TABLE users ADD COLUMN d bigint;
  END LOOP;
END $$;
-- a statement of the block that does not parse is a syntax-error, where it is
DO $$ BEGIN ALTER TABLE users ADD COLUMN; END $$; -- expect: syntax-error
