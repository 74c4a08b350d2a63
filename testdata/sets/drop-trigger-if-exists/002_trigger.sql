-- the idempotent form: the DROP finds no trigger on orders (ddlint saw the table created and
-- no trigger since), so it locks nothing; CREATE TRIGGER takes SHARE ROW EXCLUSIVE
DROP TRIGGER IF EXISTS orders_audit ON orders;
CREATE TRIGGER orders_audit AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION orders_audit();
