CREATE TABLE storage.objects (id bigint PRIMARY KEY, bucket text, name text);
CREATE INDEX objects_bucket_idx ON storage.objects (bucket);
CREATE INDEX objects_name_idx ON storage.objects (name);
