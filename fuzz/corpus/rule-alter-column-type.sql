-- alter-column-type: ALTER COLUMN ... TYPE on an existing table, unless the column's current
-- type is known from earlier statements and the change is binary compatible.

-- Columns of the existing table users whose types this file states (adding a nullable column
-- without a default is safe and reported by no rule).
ALTER TABLE users
  ADD COLUMN nick varchar(20),
  ADD COLUMN code varchar(20),
  ADD COLUMN bio varchar(100),
  ADD COLUMN slug text,
  ADD COLUMN label text,
  ADD COLUMN price numeric(10,2),
  ADD COLUMN weight numeric(10,2),
  ADD COLUMN qty numeric(8),
  ADD COLUMN net cidr,
  ADD COLUMN ip inet,
  ADD COLUMN seen_at timestamp(3),
  ADD COLUMN logged_at timestamptz(0),
  ADD COLUMN opens_at time(2),
  ADD COLUMN grace interval(3),
  ADD COLUMN flags varbit(8),
  ADD COLUMN age integer,
  ADD COLUMN title varchar(50),
  ADD COLUMN ratio numeric(10,2),
  ADD COLUMN synced_at timestamp(6),
  ADD COLUMN country char(2),
  ADD COLUMN note varchar(20),
  ADD COLUMN memo varchar(20);

-- Positives -------------------------------------------------------------------------------

-- The column's current type is unknown: ddlint cannot prove the change safe.
ALTER TABLE users ALTER COLUMN id TYPE bigint; -- expect: alter-column-type
ALTER TABLE orders ALTER COLUMN total SET DATA TYPE numeric(14,2); -- expect: alter-column-type
-- Different types: integer to bigint rewrites every row.
ALTER TABLE users ALTER COLUMN age TYPE bigint; -- expect: alter-column-type
-- Narrowing a varchar checks and rewrites.
ALTER TABLE users ALTER COLUMN title TYPE varchar(30); -- expect: alter-column-type
-- text to a limited varchar checks the length of every value.
ALTER TABLE users ALTER COLUMN label TYPE varchar(10); -- expect: alter-column-type
-- Changing the scale of a numeric rewrites.
ALTER TABLE users ALTER COLUMN ratio TYPE numeric(12,4); -- expect: alter-column-type
-- Lowering a timestamp precision rounds every value.
ALTER TABLE users ALTER COLUMN synced_at TYPE timestamp(3); -- expect: alter-column-type
-- inet to cidr is not binary compatible.
ALTER TABLE users ALTER COLUMN ip TYPE cidr; -- expect: alter-column-type
-- char(n) is blank-padded: widening rewrites.
ALTER TABLE users ALTER COLUMN country TYPE char(3); -- expect: alter-column-type
-- A USING clause is never assumed safe, even for a widening.
ALTER TABLE users ALTER COLUMN note TYPE varchar(40) USING note::varchar(40); -- expect: alter-column-type
-- A COLLATE change is never assumed safe.
ALTER TABLE users ALTER COLUMN memo TYPE varchar(20) COLLATE "C"; -- expect: alter-column-type
-- Schema-qualified and quoted names.
ALTER TABLE public.orders ALTER COLUMN user_id TYPE bigint; -- expect: alter-column-type
ALTER TABLE "Customers" ALTER COLUMN "Zip" TYPE integer USING "Zip"::integer; -- expect: alter-column-type
-- COLUMN is optional.
ALTER TABLE orders ALTER quantity TYPE bigint; -- expect: alter-column-type
-- Several lines: the finding starts at the ALTER COLUMN subcommand.
ALTER TABLE
  orders
  ALTER COLUMN status -- expect: alter-column-type
    TYPE smallint
    USING status::smallint;
-- Multi-subcommand ALTER TABLE: the first change is a safe widening, the second one is not.
ALTER TABLE users
  ALTER COLUMN nick TYPE varchar(30),
  ALTER COLUMN code TYPE integer USING code::integer; -- expect: alter-column-type

-- Negatives -------------------------------------------------------------------------------

-- varchar(n) to varchar(m) with m >= n: only the typmod changes.
ALTER TABLE users ALTER COLUMN nick TYPE varchar(50);
-- ... also spelled character varying, and to an unlimited varchar.
ALTER TABLE users ALTER COLUMN nick TYPE character varying(60);
ALTER TABLE users ALTER COLUMN nick SET DATA TYPE varchar;
-- varchar to text is binary compatible.
ALTER TABLE users ALTER COLUMN bio TYPE text;
-- text to varchar without a limit is binary compatible.
ALTER TABLE users ALTER COLUMN slug TYPE varchar;
-- numeric(p,s) to numeric(q,s) with q >= p, or to unconstrained numeric.
ALTER TABLE users ALTER COLUMN price TYPE numeric(12,2);
ALTER TABLE users ALTER COLUMN weight TYPE numeric;
ALTER TABLE users ALTER COLUMN qty TYPE decimal(10);
-- cidr to inet is binary compatible.
ALTER TABLE users ALTER COLUMN net TYPE inet;
-- Raising a timestamp, timestamptz, time or interval precision.
ALTER TABLE users ALTER COLUMN seen_at TYPE timestamp(6);
ALTER TABLE users ALTER COLUMN logged_at TYPE timestamp with time zone;
ALTER TABLE users ALTER COLUMN opens_at TYPE time(4);
ALTER TABLE users ALTER COLUMN grace TYPE interval(6);
-- Widening a bit varying.
ALTER TABLE users ALTER COLUMN flags TYPE bit varying(16);
-- The same type under another name: nothing changes.
ALTER TABLE users ALTER COLUMN age TYPE int8;
-- Schema-qualified: public.users is users, whose column code is now integer.
ALTER TABLE public.users ALTER COLUMN code TYPE int4;
-- Several safe changes in one statement.
ALTER TABLE users
  ALTER COLUMN title TYPE varchar(40),
  ALTER COLUMN ratio TYPE numeric(14,4);
-- Changes other than the type.
ALTER TABLE users ALTER COLUMN title SET DEFAULT '';
ALTER TABLE users ALTER COLUMN title SET STATISTICS 500;

-- Tables created earlier in this file are empty: any type change is instant.
CREATE TABLE notes (id integer, title varchar(50), body text);
ALTER TABLE notes ALTER COLUMN id TYPE bigint;
ALTER TABLE public.notes ALTER COLUMN title TYPE varchar(10);
ALTER TABLE notes ALTER COLUMN body TYPE jsonb USING body::jsonb;
CREATE TABLE "Ledger" ("Amount" integer);
ALTER TABLE "Ledger" ALTER COLUMN "Amount" TYPE numeric(12,2);

-- "Ledger" (quoted) is not ledger: ledger existed before.
ALTER TABLE ledger ALTER COLUMN amount TYPE numeric(12,2); -- expect: alter-column-type
