CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);
CREATE FUNCTION orders_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
