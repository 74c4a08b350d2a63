INSERT INTO events SELECT max(event_id) + 1, 'old' FROM events;
SELECT count(*) FROM events;
