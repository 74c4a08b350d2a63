-- Deploy flipr:flips to pg
-- requires: users

BEGIN;

CREATE TABLE flips (
    id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    nickname  varchar(40) NOT NULL,
    body      text        NOT NULL DEFAULT '' CHECK (length(body) <= 180),
    timestamp timestamptz NOT NULL DEFAULT clock_timestamp()
);

COMMIT;
