-- --rows 30 --deploy-from 002 (tests/trace.sh): the tables of the migrations before the
-- deploy are filled; the sequence of sessions.id is the one the rows took.
DO $$
BEGIN
    IF (SELECT count(*) FROM accounts) <> 30 OR (SELECT count(*) FROM sessions) <> 30 THEN
        RAISE EXCEPTION 'accounts and sessions have % and % rows',
            (SELECT count(*) FROM accounts), (SELECT count(*) FROM sessions);
    END IF;
END
$$;
INSERT INTO sessions (account_id) SELECT min(id) FROM accounts;
CREATE TABLE audit (id int PRIMARY KEY);
