-- ddlint-ignore drop-column -- reason
ALTER TABLE a DROP COLUMN b;
ALTER TABLE users ADD COLUMN age integer NOT NULL;
