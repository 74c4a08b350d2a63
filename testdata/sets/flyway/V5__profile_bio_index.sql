-- Mixed: COMMENT can run in a transaction, CREATE INDEX CONCURRENTLY cannot, so Flyway does
-- not run this script without one (it refuses it unless mixed=true).
CREATE INDEX CONCURRENTLY profiles_bio_idx ON profiles (bio);
COMMENT ON INDEX profiles_bio_idx IS 'profile search';
