DO $$
BEGIN
  IF (SELECT relkind FROM pg_class WHERE relname = 'accounts') <> 'r' THEN RAISE 'accounts is not the table'; END IF;
  IF EXISTS (SELECT FROM pg_class WHERE relname = 'users') THEN RAISE 'users still exists'; END IF;
  IF (SELECT name FROM accounts WHERE id = 1) <> 'old update' THEN RAISE 'old write lost'; END IF;
  IF (SELECT name FROM accounts WHERE id = 2) <> 'new update' THEN RAISE 'new write lost'; END IF;
  IF EXISTS (SELECT FROM accounts WHERE id = 3) THEN RAISE 'old delete lost'; END IF;
END $$;
