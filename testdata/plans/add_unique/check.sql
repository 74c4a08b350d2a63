DO $$
BEGIN
  IF (SELECT contype FROM pg_constraint WHERE conname = 'users_email_key') <> 'u' THEN RAISE 'no unique constraint'; END IF;
END $$;
