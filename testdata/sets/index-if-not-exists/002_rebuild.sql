SET lock_timeout = '2s';
-- IF NOT EXISTS of an index the table has: nothing is built
CREATE INDEX IF NOT EXISTS objects_name_idx ON storage.objects (name);
-- an unqualified DROP INDEX finds storage's index through the search_path: the CREATE after
-- it builds the index again
DROP INDEX IF EXISTS objects_bucket_idx;
CREATE INDEX IF NOT EXISTS objects_bucket_idx ON storage.objects (bucket, name);
