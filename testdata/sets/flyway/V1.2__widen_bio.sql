-- Widening a varchar is done in place: no finding, once 1.1 has created the column.
SET lock_timeout = '5s';
ALTER TABLE profiles ALTER COLUMN bio TYPE varchar(200);
