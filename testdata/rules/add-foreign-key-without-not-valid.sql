-- add-foreign-key-without-not-valid: ADD CONSTRAINT ... FOREIGN KEY without NOT VALID, and
-- ADD COLUMN ... REFERENCES, on a table that existed before this migration.

-- Positives -------------------------------------------------------------------------------

ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id); -- expect: add-foreign-key-without-not-valid
-- Unnamed, with actions and deferrable: still validated at once.
ALTER TABLE orders ADD FOREIGN KEY (product_id) REFERENCES products; -- expect: add-foreign-key-without-not-valid
ALTER TABLE orders ADD CONSTRAINT orders_coupon_fk FOREIGN KEY (coupon_id) REFERENCES coupons (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED; -- expect: add-foreign-key-without-not-valid
-- ADD COLUMN ... REFERENCES with a DEFAULT validates the new foreign key too.
ALTER TABLE orders ADD COLUMN shop_id bigint DEFAULT 1 REFERENCES shops (id); -- expect: add-foreign-key-without-not-valid
ALTER TABLE orders ADD COLUMN agent_id bigint DEFAULT 7 CONSTRAINT orders_agent_fk REFERENCES agents ON DELETE CASCADE; -- expect: add-foreign-key-without-not-valid
-- Negative: without a default the new column is NULL in every row, and PostgreSQL skips the
-- check (verified on a real server by tests/pg: seq_scan +0).
ALTER TABLE orders ADD COLUMN desk_id bigint REFERENCES desks (id);
ALTER TABLE orders ADD COLUMN team_id bigint DEFAULT NULL REFERENCES teams (id);
-- Schema-qualified and quoted names.
ALTER TABLE public.orders ADD CONSTRAINT orders_region_fk FOREIGN KEY (region_id) REFERENCES public.regions (id); -- expect: add-foreign-key-without-not-valid
ALTER TABLE "Invoices" ADD CONSTRAINT "Invoices_Customer_fk" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id"); -- expect: add-foreign-key-without-not-valid
-- Several lines: the finding starts at the ADD CONSTRAINT subcommand.
ALTER TABLE
  payments
  ADD CONSTRAINT payments_order_fk -- expect: add-foreign-key-without-not-valid
    FOREIGN KEY (order_id)
    REFERENCES orders (id);
-- Multi-subcommand ALTER TABLE: the first foreign key is NOT VALID, the second one is not.
ALTER TABLE payments
  ADD CONSTRAINT payments_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID,
  ADD CONSTRAINT payments_card_fk FOREIGN KEY (card_id) REFERENCES cards (id); -- expect: add-foreign-key-without-not-valid
-- The referenced table is new, but the altered table existed: its rows are scanned.
CREATE TABLE warehouses (id bigint PRIMARY KEY);
ALTER TABLE orders ADD CONSTRAINT orders_warehouse_fk FOREIGN KEY (warehouse_id) REFERENCES warehouses (id); -- expect: add-foreign-key-without-not-valid

-- Negatives -------------------------------------------------------------------------------

-- NOT VALID (instant), then VALIDATE CONSTRAINT in a separate transaction (SHARE UPDATE
-- EXCLUSIVE: reads and writes continue).
ALTER TABLE orders ADD CONSTRAINT orders_seller_fk
  FOREIGN KEY (seller_id) REFERENCES sellers (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_seller_fk;
ALTER TABLE public.orders ADD FOREIGN KEY (courier_id) REFERENCES couriers (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_courier_id_fkey;
ALTER TABLE "Invoices" ADD CONSTRAINT "Invoices_Order_fk" FOREIGN KEY ("OrderId") REFERENCES orders (id) NOT VALID;
ALTER TABLE "Invoices" VALIDATE CONSTRAINT "Invoices_Order_fk";
-- Adding the column without REFERENCES is a catalog change.
ALTER TABLE orders ADD COLUMN referrer_id bigint;
-- Dropping a foreign key does not validate anything.
ALTER TABLE orders DROP CONSTRAINT orders_legacy_fk;

-- Tables created earlier in this file are empty: validation is instant.
CREATE TABLE shipments (id bigint PRIMARY KEY, order_id bigint, user_id bigint);
ALTER TABLE shipments ADD CONSTRAINT shipments_order_fk FOREIGN KEY (order_id) REFERENCES orders (id);
ALTER TABLE public.shipments ADD FOREIGN KEY (user_id) REFERENCES users (id);
ALTER TABLE shipments ADD COLUMN carrier_id bigint REFERENCES carriers (id);
CREATE TABLE "Returns" ("Id" bigint, "OrderId" bigint);
ALTER TABLE "Returns" ADD CONSTRAINT "Returns_Order_fk" FOREIGN KEY ("OrderId") REFERENCES orders (id);
-- Foreign keys declared in CREATE TABLE.
CREATE TABLE reviews (id bigint, order_id bigint REFERENCES orders (id),
  FOREIGN KEY (id) REFERENCES users (id));

-- "Returns" (quoted) is not returns: returns existed before.
ALTER TABLE returns ADD CONSTRAINT returns_order_fk FOREIGN KEY (order_id) REFERENCES orders (id); -- expect: add-foreign-key-without-not-valid

-- PostgreSQL 18: a NOT ENFORCED foreign key checks no row (verified on 18.4).
ALTER TABLE orders ADD CONSTRAINT orders_user_ne FOREIGN KEY (user_id) REFERENCES users (id) NOT ENFORCED;
