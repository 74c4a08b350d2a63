CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE measurements (id bigint NOT NULL, taken_on date NOT NULL, feeling mood)
    ;
CREATE TABLE readings (id bigint PRIMARY KEY, value numeric);
CREATE INDEX readings_value_idx ON readings (value);
