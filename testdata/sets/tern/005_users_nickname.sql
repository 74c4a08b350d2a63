alter table users add column nickname text;
