DROP INDEX CONCURRENTLY posts_published_idx;
