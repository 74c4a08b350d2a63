DO $$
BEGIN
  IF (SELECT is_nullable FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'email') <> 'NO' THEN RAISE 'email is not NOT NULL'; END IF;
  IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = 'users'::regclass AND contype = 'c') THEN RAISE 'the CHECK is left'; END IF;
END $$;
