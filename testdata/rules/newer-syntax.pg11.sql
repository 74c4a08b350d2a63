-- fixture: pg-version=11
-- newer-syntax on PostgreSQL 11: the syntax of 12 to 15 that PostgreSQL 15's parser reads as
-- it is, checked from the tree.

-- Positives ------------------------------------------------------------------------------------

CREATE TABLE invoices (id bigint PRIMARY KEY, total numeric, tax numeric GENERATED ALWAYS AS (total * 0.2) STORED); -- expect: newer-syntax
ALTER TABLE invoices ALTER COLUMN tax DROP EXPRESSION; -- expect: newer-syntax
CREATE OR REPLACE TRIGGER invoices_audit AFTER INSERT ON invoices FOR EACH ROW EXECUTE PROCEDURE audit(); -- expect: newer-syntax
MERGE INTO invoices i USING staged s ON i.id = s.id WHEN MATCHED THEN UPDATE SET total = s.total; -- expect: newer-syntax
CREATE UNIQUE INDEX CONCURRENTLY invoices_ref_idx ON invoices (ref) NULLS NOT DISTINCT; -- expect: newer-syntax
REINDEX INDEX CONCURRENTLY invoices_ref_idx; -- expect: newer-syntax
ALTER TABLE events DETACH PARTITION events_2020 CONCURRENTLY; -- expect: newer-syntax

-- Negatives ------------------------------------------------------------------------------------

CREATE TABLE payments (id bigint PRIMARY KEY, total numeric);
CREATE TRIGGER payments_audit AFTER INSERT ON payments FOR EACH ROW EXECUTE PROCEDURE audit();
CREATE UNIQUE INDEX CONCURRENTLY payments_total_idx ON payments (total);
