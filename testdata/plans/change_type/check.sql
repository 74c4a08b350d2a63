DO $$
BEGIN
  IF (SELECT data_type FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'amount') <> 'bigint' THEN RAISE 'amount is not bigint'; END IF;
  IF (SELECT is_nullable FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'amount') <> 'NO' THEN RAISE 'amount lost NOT NULL'; END IF;
  IF EXISTS (SELECT FROM information_schema.columns WHERE table_name = 'orders' AND column_name IN ('amount_old', 'amount_new')) THEN RAISE 'helper column left'; END IF;
  IF (SELECT amount FROM orders WHERE id = 1) <> 2 THEN RAISE 'old update lost'; END IF;
  IF (SELECT sum(amount) FROM orders WHERE id <= 2000) <> 2001001 THEN RAISE 'values changed: %', (SELECT sum(amount) FROM orders WHERE id <= 2000); END IF;
  IF (SELECT count(*) FROM orders WHERE amount = 7) < 1 THEN RAISE 'old insert lost'; END IF;
  IF NOT EXISTS (SELECT FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = 'orders'::regclass AND i.indisvalid AND NOT i.indisprimary
        AND i.indkey[0] = (SELECT attnum FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attname = 'amount')) THEN
    RAISE 'the index of amount was not built on the new column';
  END IF;
END $$;
