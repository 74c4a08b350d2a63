-- identifier-too-long: an identifier over 63 bytes (NAMEDATALEN - 1), quoted or not, is
-- truncated silently by PostgreSQL. Bytes count, not characters. The finding is at the
-- identifier itself; text in strings, comments and function bodies is not an identifier of
-- the migration.

-- Positives -------------------------------------------------------------------------------

-- 64 bytes, unquoted.
CREATE INDEX CONCURRENTLY customer_orders_by_customer_id_and_creation_time_and_status_idx1 ON orders (customer_id, created_at, status); -- expect: identifier-too-long
-- 64 bytes, quoted.
CREATE INDEX CONCURRENTLY "Customer_Orders_By_Customer_Id_And_Creation_Time_And_Status_Idx1" ON orders (status); -- expect: identifier-too-long
-- 64 bytes once the doubled quotes are read as one each (the token is 68 characters).
CREATE VIEW "Report ""Draft"" of the customer order statistics by region and ye" AS SELECT 1 AS one; -- expect: identifier-too-long
-- Multibyte: 35 characters but 64 bytes (Cyrillic letters take 2 bytes each in UTF-8).
CREATE TABLE индекс_заказов_по_клиенту_и_дате_ок (id bigint); -- expect: identifier-too-long
-- 22 CJK characters, 66 bytes (3 bytes each).
CREATE TABLE "顧客注文の作成日時と状態による検索用索引です" (id bigint); -- expect: identifier-too-long
-- Schema-qualified: each part counts on its own; two long parts are two findings.
CREATE TABLE reporting_schema_for_quarterly_financial_statements_and_forecast.summary (id bigint); -- expect: identifier-too-long
CREATE TABLE reporting_schema_for_quarterly_financial_statements_and_forecast.loyalty_points_earned_by_the_customer_during_the_current_year_ok (id bigint); -- expect: identifier-too-long, identifier-too-long
-- A column in a CREATE TABLE over several lines: reported on the column's line.
CREATE TABLE loyalty_accounts (
  id bigint,
  loyalty_points_earned_by_the_customer_during_the_current_year_ok bigint, -- expect: identifier-too-long
  note text
);
-- A constraint name in ALTER TABLE, on the line where the name is written.
ALTER TABLE orders
  ADD CONSTRAINT
    orders_total_must_be_non_negative_and_not_greater_than_the_limit -- expect: identifier-too-long
    CHECK (total >= 0) NOT VALID;
-- A column alias in a view is an identifier too.
CREATE VIEW customer_revenue AS
  SELECT customer_id, sum(total) AS total_revenue_of_the_customer_across_all_orders_and_all_regions_ -- expect: identifier-too-long
  FROM orders GROUP BY customer_id;
-- A Unicode-escape quoted identifier (U&"...") of 64 bytes.
CREATE TABLE U&"Customer_Orders_By_Customer_Id_And_Creation_Time_And_Status_Idx1" (id bigint); -- expect: identifier-too-long
-- A SQL-standard function body (BEGIN ATOMIC) is parsed with the migration: its identifiers
-- are truncated like any other.
CREATE FUNCTION order_count() RETURNS bigint LANGUAGE sql
BEGIN ATOMIC
  SELECT count(*) AS total_revenue_of_the_customer_across_all_orders_and_all_regions_ FROM orders; -- expect: identifier-too-long
END;

-- Negatives -------------------------------------------------------------------------------

-- Exactly 63 bytes, unquoted and quoted: kept whole.
CREATE INDEX CONCURRENTLY customer_orders_by_customer_id_and_creation_time_and_status_idx ON orders (customer_id, created_at, status);
CREATE INDEX CONCURRENTLY "Customer_Orders_By_Customer_Id_And_Creation_Time_And_Status_Idx" ON orders (status);
CREATE TABLE quarterly_financial_statements_and_forecasts_by_region_and_year (id bigint);
-- 63 bytes once the doubled quotes are read as one each (the token is 67 characters).
CREATE VIEW "Report ""Draft"" of the customer order statistics by region and y" AS SELECT 1 AS one;
-- Multibyte, 63 bytes: 35 characters (Cyrillic), and 21 CJK characters.
CREATE TABLE индекс_заказов_по_клиенту_и_дате_к1 (id bigint);
CREATE TABLE "顧客注文の作成日時と状態による検索用索引で" (id bigint);
-- Schema-qualified names whose parts are at most 63 bytes each (the whole is longer).
CREATE TABLE reporting.quarterly_financial_statements_and_forecasts_by_region_and_year (id bigint);
-- Long text in string literals is data, not a name.
INSERT INTO audit_log (message) VALUES ('customer_orders_by_customer_id_and_creation_time_and_status_index_v2');
INSERT INTO audit_log (message) VALUES (E'customer_orders_by_customer_id_and_creation_time_and_status_index_v2\n');
COMMENT ON TABLE orders IS 'loyalty_points_earned_by_the_customer_during_the_current_year_is_long';
-- Function bodies in quotes are not identifiers of the migration.
CREATE FUNCTION touch_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.total_revenue_of_the_customer_across_all_orders_and_all_regions_and_years := 0;
  RETURN NEW;
END;
$$;
CREATE FUNCTION order_total(bigint) RETURNS numeric LANGUAGE sql AS $body$
  SELECT total_revenue_of_the_customer_across_all_orders_and_all_regions_and_years FROM orders WHERE id = $1
$body$;
CREATE FUNCTION order_status(bigint) RETURNS text LANGUAGE sql AS
  'SELECT customer_orders_by_customer_id_and_creation_time_and_status_index_v2 FROM orders WHERE id = $1';
-- A long number is not an identifier.
SELECT 1234567890123456789012345678901234567890123456789012345678901234567890 AS n;
-- Names PostgreSQL chooses itself (here for the UNIQUE index, which would be
-- customer_loyalty_program_memberships_membership_reference_..._key) are shortened to fit.
CREATE TABLE customer_loyalty_program_memberships (
  membership_reference_number_assigned_by_the_partner text UNIQUE
);
-- A U&"..." identifier whose escapes make the token long: 20 characters, 40 bytes.
CREATE TABLE U&"\00e4\00e4\00e4\00e4\00e4\00e4\00e4\00e4\00e4\00e4\00e4\00e4\00e4\00e4\00e4\00e4\00e4\00e4\00e4\00e4" (id bigint);
-- customer_orders_by_customer_id_and_creation_time_and_status_index_v2 in a comment
/* customer_orders_by_customer_id_and_creation_time_and_status_index_v2 in a block comment */
