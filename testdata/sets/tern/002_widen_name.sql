-- the down part of 001 is not run as part of it: users still exists and its name is
-- varchar(20), so widening it is done in place
set lock_timeout = '2s';
alter table users alter column name type varchar(50);

---- create above / drop below ----

set lock_timeout = '2s';
alter table users alter column name type varchar(20);
