-- drops order_totals (it names total) and big_orders (it reads order_totals): each is locked
ALTER TABLE orders DROP COLUMN total CASCADE;
