-- The rows of --rows 200 (tests/trace.sh): a failed assertion is a migration-fails finding.
DO $$
DECLARE
    n bigint;
BEGIN
    SELECT count(*) INTO n FROM regions;
    IF n <> 200 THEN RAISE EXCEPTION 'regions has % rows', n; END IF;
    SELECT count(*) INTO n FROM customers;
    IF n <> 200 THEN RAISE EXCEPTION 'customers has % rows', n; END IF;
    SELECT count(*) INTO n FROM items;
    IF n <> 200 THEN RAISE EXCEPTION 'items has % rows', n; END IF;
    SELECT count(*) INTO n FROM orders;
    IF n <> 200 THEN RAISE EXCEPTION 'orders has % rows', n; END IF;
    SELECT count(*) INTO n FROM impossible;
    IF n <> 0 THEN RAISE EXCEPTION 'impossible has % rows', n; END IF;
    -- the foreign keys hold, and point at rows (not NULL)
    SELECT count(*) INTO n FROM orders o JOIN customers c ON c.id = o.customer_id
        JOIN items i ON i.code = o.item_code JOIN regions r ON r.id = c.region_id;
    IF n <> 200 THEN RAISE EXCEPTION 'orders joined to their references: % rows', n; END IF;
    -- distinct where unique, within limits, enums, arrays, json, generated and identity
    SELECT count(DISTINCT email) + count(DISTINCT token) INTO n FROM customers;
    IF n <> 400 THEN RAISE EXCEPTION 'distinct email and token: %', n; END IF;
    SELECT count(*) INTO n FROM customers WHERE mood <> 'happy' OR cardinality(tags) <> 1
        OR settings ->> 'n' IS NULL OR avatar IS NULL OR note IS NULL;
    IF n <> 0 THEN RAISE EXCEPTION 'customers with other values: %', n; END IF;
    SELECT count(DISTINCT serial_no) INTO n FROM regions WHERE length(name) <= 3;
    IF n <> 200 THEN RAISE EXCEPTION 'regions: % distinct serial numbers', n; END IF;
    SELECT count(*) INTO n FROM orders WHERE id IS NULL OR total <> quantity * 2.5
        OR status NOT IN ('open', 'shipped') OR discount NOT BETWEEN 0 AND 50;
    IF n <> 0 THEN RAISE EXCEPTION 'orders with other values: %', n; END IF;
    SELECT count(*) INTO n FROM items WHERE valid IS NULL;
    IF n <> 0 THEN RAISE EXCEPTION 'items without their default: %', n; END IF;
END
$$;
