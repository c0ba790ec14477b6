-- Trigram index for substring search in the customers list. The extension is created here, not
-- declared in the schema: the WebAssembly engine cannot introspect extensions and would re-create it
-- in every new migration.
-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateIndex
CREATE INDEX "customers_search_trgm_idx" ON "customers" USING GIN ("username" gin_trgm_ops, "name" gin_trgm_ops, "mobile" gin_trgm_ops);
