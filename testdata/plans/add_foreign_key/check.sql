DO $$
BEGIN
  IF NOT (SELECT convalidated FROM pg_constraint WHERE conname = 'orders_user_id_fkey') THEN RAISE 'not validated'; END IF;
  BEGIN
    INSERT INTO orders (user_id) VALUES (100000);
    RAISE 'an orphan row was accepted';
  EXCEPTION WHEN foreign_key_violation THEN NULL;
  END;
END $$;
