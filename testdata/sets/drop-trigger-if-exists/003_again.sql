-- now the trigger exists: the DROP takes ACCESS EXCLUSIVE on orders
DROP TRIGGER IF EXISTS orders_audit ON orders;
-- a table older than the migrations may have any trigger: ACCESS EXCLUSIVE
DROP TRIGGER IF EXISTS legacy_audit ON customers;
-- a trigger orders does not have: nothing is dropped, nothing locked, nothing reported
DROP TRIGGER IF EXISTS orders_never ON orders;
