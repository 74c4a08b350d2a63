-- AlterTable
ALTER TABLE "Post" ADD COLUMN "slug" TEXT;

-- CreateIndex
CREATE INDEX CONCURRENTLY "Post_slug_idx" ON "Post"("slug");
