DO $$
BEGIN
  IF (SELECT contype FROM pg_constraint WHERE conname = 'events_pkey') <> 'p' THEN RAISE 'no primary key'; END IF;
  IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = 'events'::regclass AND contype = 'c') THEN RAISE 'the CHECK is left'; END IF;
END $$;
