ALTER TABLE customers ADD COLUMN r float8 DEFAULT random();
