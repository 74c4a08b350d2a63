-- setup.sql: the objects the syntax cases use. It must run on every server that
-- tests/pg/syntaxcheck.sh checks (PostgreSQL 15 on), so it uses only 15 syntax.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE ROLE app_reader;
CREATE ROLE app_writer;
GRANT app_reader TO app_writer;

CREATE TABLE users (
    id bigint PRIMARY KEY,
    email text NOT NULL,
    name text,
    profile jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    user_id bigint NOT NULL,
    total numeric(12,2) NOT NULL,
    status text NOT NULL DEFAULT 'new',
    note text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz
);
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
CREATE INDEX orders_user_id_idx ON orders (user_id);

CREATE TABLE t (id int PRIMARY KEY, a int, b int, c text, payload jsonb);
ALTER TABLE t ADD CONSTRAINT t_a_check CHECK (a > 0);
CREATE INDEX t_a_idx ON t (a);

CREATE TABLE prices (id int PRIMARY KEY, net numeric NOT NULL,
    gross numeric GENERATED ALWAYS AS (net * 1.2) STORED);

CREATE TABLE stock (sku text PRIMARY KEY, qty int NOT NULL);
CREATE TABLE stock_changes (sku text, delta int);

CREATE TABLE rooms (room_id int, valid_at daterange, name text);
CREATE TABLE bookings (id int, room_id int, valid_at daterange);

CREATE TABLE events (id bigint, created_at date NOT NULL, kind text) PARTITION BY RANGE (created_at);
CREATE TABLE events_2026_01 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');
CREATE TABLE events_2026_02 PARTITION OF events FOR VALUES FROM ('2026-02-01') TO ('2026-03-01');
CREATE TABLE events_2026_q2 PARTITION OF events FOR VALUES FROM ('2026-04-01') TO ('2026-07-01');

CREATE TABLE audit_log (id bigint, at timestamptz, entry text);
CREATE TABLE audit_log_2026 () INHERITS (audit_log);

CREATE FUNCTION on_login() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
CREATE FOREIGN DATA WRAPPER dummy_fdw;
CREATE SERVER dummy_srv FOREIGN DATA WRAPPER dummy_fdw;

INSERT INTO users VALUES (1, 'a@example.com', 'A', '{"city": "Oslo", "tags": ["x"]}');
INSERT INTO orders (id, user_id, total, note) VALUES (1, 1, 10, '{"items": [{"sku": "s1", "qty": 2}]}');
INSERT INTO t VALUES (1, 1, 2, '{"k": 1}', '{"k": 1}');
INSERT INTO stock VALUES ('s1', 5);
INSERT INTO stock_changes VALUES ('s1', -1), ('s2', 3);
INSERT INTO events VALUES (1, '2026-01-15', 'x'), (2, '2026-05-01', 'y');
