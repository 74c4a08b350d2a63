-- a backfill that finds no row: the foreign key's ROW SHARE on accounts is taken per row
-- inserted, so none is taken here, and that is no disagreement
INSERT INTO invoices (id, account_id) SELECT id, id FROM accounts WHERE NOT active;
-- one row: ROW SHARE on accounts, as the model says
INSERT INTO invoices (id, account_id) VALUES (1, 1);
