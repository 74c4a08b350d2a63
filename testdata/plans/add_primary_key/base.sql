CREATE TABLE events (event_id bigint, payload text);
INSERT INTO events SELECT i, 'p' || i FROM generate_series(1, 3000) AS i;
