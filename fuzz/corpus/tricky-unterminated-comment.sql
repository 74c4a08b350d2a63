ALTER TABLE a DROP COLUMN b;
/* outer /* nested */ never closed
ALTER TABLE a DROP COLUMN z;
