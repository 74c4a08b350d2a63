-- Negative: a finding reported at the end of the file is suppressed like any other, here by
-- the directive above the BEGIN it points at.
CREATE TABLE audit (id bigint);
-- ddlint-ignore uncommitted-transaction
BEGIN;
INSERT INTO audit VALUES (1);
