SET lock_timeout = '2s';  -- users and orders exist now (created by V1): these run on live data
ALTER TABLE users ADD COLUMN nickname text;                        -- safe: nullable
ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true; -- safe on PG 11+: constant default
ALTER TABLE users ADD COLUMN age integer NOT NULL;                 -- fails on a non-empty table
ALTER TABLE users ADD COLUMN api_key uuid DEFAULT gen_random_uuid(); -- rewrites the table
