-- 1.10 comes after 1.2: this narrows varchar(200), which rewrites the table.
SET lock_timeout = '5s';
ALTER TABLE profiles ALTER COLUMN bio TYPE varchar(150);
