DO $$
BEGIN
  IF (SELECT data_type FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'code') <> 'bigint' THEN RAISE 'code is not bigint'; END IF;
  IF (SELECT sum(code) FROM items WHERE id <= 1500) <> 11257500 THEN RAISE 'conversion wrong: %', (SELECT sum(code) FROM items WHERE id <= 1500); END IF;
  IF NOT EXISTS (SELECT FROM items WHERE code = 420) THEN RAISE 'old insert not converted'; END IF;
END $$;
