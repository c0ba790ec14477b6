-- A CSV import of customers: the uploaded file kept between the check and the import, the
-- check's per-line problems, and the import job's progress (rows_done is its resume point).
DO $$ BEGIN
  CREATE TYPE "CustomerImportStatus" AS ENUM ('CHECKED', 'QUEUED', 'RUNNING', 'DONE', 'FAILED');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE IF NOT EXISTS "customer_imports" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "operator_id" UUID NOT NULL,
    "file_name" TEXT NOT NULL,
    "file_data" BYTEA NOT NULL,
    "status" "CustomerImportStatus" NOT NULL DEFAULT 'CHECKED',
    "rows_total" INTEGER NOT NULL,
    "rows_ready" INTEGER NOT NULL,
    "check_problems" JSONB NOT NULL DEFAULT '[]',
    "rows_done" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "problems" JSONB NOT NULL DEFAULT '[]',
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    CONSTRAINT "customer_imports_pkey" PRIMARY KEY ("id")
);

CREATE INDEX IF NOT EXISTS "customer_imports_tenant_id_created_at_idx" ON "customer_imports"("tenant_id", "created_at");
CREATE INDEX IF NOT EXISTS "customer_imports_tenant_id_operator_id_idx" ON "customer_imports"("tenant_id", "operator_id");

DO $$ BEGIN
  ALTER TABLE "customer_imports" ADD CONSTRAINT "customer_imports_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  ALTER TABLE "customer_imports" ADD CONSTRAINT "customer_imports_operator_id_fkey" FOREIGN KEY ("operator_id") REFERENCES "operators"("id") ON DELETE CASCADE ON UPDATE CASCADE;
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

ALTER TABLE "customer_imports" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "customer_imports" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON "customer_imports";
CREATE POLICY tenant_isolation ON "customer_imports"
  USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());
