-- ddlint-ignore comments apply to the findings of trace as to those of linting
-- the trigger locks users (trace-disagrees, suppressed by the comment before it)
-- ddlint-ignore trace-disagrees -- the trigger is known
INSERT INTO audit VALUES (1);
-- the same statement again: not suppressed
INSERT INTO audit VALUES (2);
-- ddlint-ignore migration-fails -- the server rejects it, which the comment hides (the set
-- still stops there)
ALTER TABLE audit ADD COLUMN x int REFERENCES no_such_table;
