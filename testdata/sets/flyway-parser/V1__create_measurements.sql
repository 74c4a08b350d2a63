CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE measurements (id bigint NOT NULL, taken_on date NOT NULL, feeling mood)
    PARTITION BY RANGE (taken_on);
CREATE TABLE measurements_2024 PARTITION OF measurements
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE readings (id bigint PRIMARY KEY, value numeric);
CREATE INDEX readings_value_idx ON readings (value);
