create table users (
  id bigint primary key,
  name varchar(20) not null
);

---- create above / drop below ----

drop table users;
