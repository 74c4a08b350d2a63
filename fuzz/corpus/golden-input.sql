-- golden: every output format on the same input
CREATE TABLE t (id int, title varchar(20));
ALTER TABLE t ALTER COLUMN title TYPE varchar(50);

ALTER TABLE "Événements" ADD COLUMN n int NOT NULL,
	ADD COLUMN seq bigserial;
DROP INDEX idx_é;
SELEC 1;
ALTER TABLE u RENAME TO v;
