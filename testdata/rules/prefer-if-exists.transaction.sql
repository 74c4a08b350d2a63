-- fixture: enable=prefer-if-exists
-- prefer-if-exists inside transaction blocks: a migration that fails there is rolled back
-- whole, so a second run starts from a clean slate and needs no IF [NOT] EXISTS.

-- Negatives ----------------------------------------------------------------------------------
BEGIN;
CREATE TABLE audit_entries (id bigint, entry text);
CREATE SEQUENCE invoice_numbers;
ALTER TABLE audit_entries ADD COLUMN note text;
DROP TABLE old_audit_entries; -- expect: drop-table
COMMIT;
DO $$
BEGIN
  CREATE TABLE audit_archive (id bigint);
END
$$;

-- Positives ----------------------------------------------------------------------------------
-- After COMMIT the statements run one by one again: a failure leaves the earlier ones done.
CREATE INDEX CONCURRENTLY audit_entries_entry_idx ON audit_entries (entry); -- expect: prefer-if-exists
CREATE TABLE audit_rollup (id bigint); -- expect: prefer-if-exists
