-- Reference data in the format pg_dump writes: the rows are COPY data, not SQL.
COPY public.colors (id, name) FROM stdin;
1	red
2	green
\.

SET lock_timeout = '5s';
CREATE INDEX colors_name_idx ON colors (name);
