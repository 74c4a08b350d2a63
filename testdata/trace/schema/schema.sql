--
-- PostgreSQL database dump (the schema the migrations start from, as pg_dump --schema-only
-- writes it)
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET client_encoding = 'UTF8';
SELECT pg_catalog.set_config('search_path', '', false);

CREATE TABLE public.accounts (
    id bigint NOT NULL,
    email text NOT NULL
);

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);
