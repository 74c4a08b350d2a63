COPY public.t (id, v) FROM stdin;
1	red
2	green
\.
