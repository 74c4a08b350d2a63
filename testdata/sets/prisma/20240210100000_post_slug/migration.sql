-- Two statements in one query string: PostgreSQL runs them as one implicit transaction.
-- CreateIndex
CREATE INDEX CONCURRENTLY "Post_title_idx" ON "Post"("title");

-- AddComment
COMMENT ON COLUMN "Post"."title" IS 'shown in feeds';
