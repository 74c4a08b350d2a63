-- a table of the deploy itself is not filled
DO $$
BEGIN
    IF (SELECT count(*) FROM audit) <> 0 THEN RAISE EXCEPTION 'audit was filled'; END IF;
END
$$;
