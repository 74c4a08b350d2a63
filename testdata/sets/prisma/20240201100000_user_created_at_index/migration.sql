-- One statement: PostgreSQL runs it on its own, outside any transaction block.
CREATE INDEX CONCURRENTLY "User_createdAt_idx" ON "User"("createdAt");
