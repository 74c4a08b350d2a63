-- Deploy flipr:users to pg

BEGIN;

CREATE TABLE users (
    nickname  varchar(20) PRIMARY KEY,
    password  text        NOT NULL,
    fullname  text        NOT NULL,
    timestamp timestamptz NOT NULL DEFAULT now()
);

COMMIT;
