-- add-exclusion-constraint: ALTER TABLE ... ADD [CONSTRAINT ...] EXCLUDE (...) on a table that
-- existed before this migration. There is no USING INDEX or NOT VALID form: the index is
-- always built, and every row checked, under ACCESS EXCLUSIVE.

-- Positives -------------------------------------------------------------------------------

ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&); -- expect: add-exclusion-constraint
-- Unnamed, and without USING (btree): still an index build.
ALTER TABLE bookings ADD EXCLUDE (code WITH =); -- expect: add-exclusion-constraint
-- A partial constraint (WHERE) and DEFERRABLE: still built over the whole table.
ALTER TABLE reservations ADD CONSTRAINT reservations_active_no_overlap -- expect: add-exclusion-constraint
  EXCLUDE USING gist (table_id WITH =, slot WITH &&) WHERE (cancelled_at IS NULL) DEFERRABLE;
-- ONLY and IF EXISTS change nothing.
ALTER TABLE ONLY shifts ADD CONSTRAINT shifts_no_overlap EXCLUDE USING gist (worker_id WITH =, period WITH &&); -- expect: add-exclusion-constraint
ALTER TABLE IF EXISTS leases ADD EXCLUDE USING gist (unit_id WITH =, term WITH &&); -- expect: add-exclusion-constraint
-- Schema-qualified and quoted names.
ALTER TABLE public.bookings ADD CONSTRAINT bookings_desk_no_overlap EXCLUDE USING gist (desk_id WITH =, during WITH &&); -- expect: add-exclusion-constraint
ALTER TABLE scheduling.slots ADD EXCLUDE USING gist (during WITH &&); -- expect: add-exclusion-constraint
ALTER TABLE "Rooms" ADD CONSTRAINT "Rooms_no_overlap" EXCLUDE USING gist ("Room" WITH =, "During" WITH &&); -- expect: add-exclusion-constraint

-- A statement over several lines: the finding starts at the ADD subcommand.
ALTER TABLE
  rentals
  ADD CONSTRAINT rentals_no_overlap -- expect: add-exclusion-constraint
    EXCLUDE USING gist (car_id WITH =, period WITH &&);

-- Multi-subcommand ALTER TABLE: only the EXCLUDE subcommand is reported, on its own line.
ALTER TABLE appointments
  ADD COLUMN note text,
  ADD CONSTRAINT appointments_no_overlap EXCLUDE USING gist (doctor_id WITH =, during WITH &&), -- expect: add-exclusion-constraint
  ALTER COLUMN status SET DEFAULT 'booked';

-- Negatives -------------------------------------------------------------------------------

-- Tables created earlier in this file are empty: the index build is instant.
CREATE TABLE rooms (id bigint, during tsrange);
ALTER TABLE rooms ADD CONSTRAINT rooms_no_overlap EXCLUDE USING gist (during WITH &&);
ALTER TABLE public.rooms ADD EXCLUDE USING gist (id WITH =, during WITH &&);
CREATE TABLE "Desks" ("Id" bigint, "During" tsrange);
ALTER TABLE "Desks" ADD EXCLUDE USING gist ("Id" WITH =, "During" WITH &&);
-- EXCLUDE declared in CREATE TABLE is not ADD EXCLUDE.
CREATE TABLE parking (spot int, during tsrange, EXCLUDE USING gist (spot WITH =, during WITH &&));
-- Other constraints added NOT VALID are not exclusion constraints.
ALTER TABLE bookings ADD CONSTRAINT bookings_during_check CHECK (NOT isempty(during)) NOT VALID;
-- Dropping an exclusion constraint builds nothing.
ALTER TABLE bookings DROP CONSTRAINT bookings_old_no_overlap;

-- "Desks" (quoted) is not desks: desks existed before.
ALTER TABLE desks ADD EXCLUDE USING gist (id WITH =, during WITH &&); -- expect: add-exclusion-constraint
-- archive.rooms is not the new public.rooms.
ALTER TABLE archive.rooms ADD EXCLUDE USING gist (during WITH &&); -- expect: add-exclusion-constraint
