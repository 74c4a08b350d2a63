-- Not given on the command line: builds the schema, its findings are not reported.
ALTER TABLE orders DROP COLUMN legacy_code;
