DO $$
BEGIN
  IF EXISTS (SELECT FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'name') THEN
    RAISE 'the old column is still there';
  END IF;
  IF (SELECT is_nullable FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'full_name') <> 'NO' THEN
    RAISE 'full_name is not NOT NULL';
  END IF;
  IF (SELECT count(*) FROM users WHERE full_name LIKE 'user %') <> 2998 THEN
    RAISE 'backfill incomplete: % rows', (SELECT count(*) FROM users WHERE full_name LIKE 'user %');
  END IF;
  IF (SELECT full_name FROM users WHERE id = 1) <> 'renamed by old code' THEN RAISE 'old write lost'; END IF;
  IF (SELECT full_name FROM users WHERE id = 2) <> 'renamed by new code' THEN RAISE 'new write lost'; END IF;
  IF NOT EXISTS (SELECT FROM users WHERE full_name = 'old code') THEN RAISE 'old insert lost'; END IF;
  IF EXISTS (SELECT FROM pg_trigger WHERE tgrelid = 'users'::regclass AND NOT tgisinternal) THEN RAISE 'trigger left'; END IF;
  IF NOT EXISTS (SELECT FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE c.relname = 'users_full_name_idx' AND i.indisvalid
        AND i.indkey[0] = (SELECT attnum FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'full_name')) THEN
    RAISE 'the index of name was not built on full_name';
  END IF;
END $$;
