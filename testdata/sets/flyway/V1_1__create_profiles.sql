-- Version 1.1: "_" separates version parts like ".".
CREATE TABLE profiles (
    account_id bigint PRIMARY KEY,
    bio varchar(100)
);
