-- DETACH PARTITION CONCURRENTLY (PostgreSQL 14 and later): SHARE UPDATE EXCLUSIVE on both
-- tables, then, in its second transaction, ACCESS EXCLUSIVE on the partition
CREATE TABLE p (id int) PARTITION BY RANGE (id);
CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);
