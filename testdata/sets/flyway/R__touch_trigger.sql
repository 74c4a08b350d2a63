-- Repeatable: applied after every versioned migration, whatever its name.
CREATE OR REPLACE FUNCTION ${schema}.touch_created_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.created_at := coalesce(NEW.created_at, now());
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER accounts_touch BEFORE INSERT ON accounts
    FOR EACH ROW EXECUTE FUNCTION ${schema}.touch_created_at();
