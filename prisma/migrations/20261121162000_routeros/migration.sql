-- CreateEnum
CREATE TYPE "RouterMode" AS ENUM ('RADIUS', 'API');

-- CreateEnum
CREATE TYPE "RouterTlsMode" AS ENUM ('VERIFY', 'INSECURE', 'ANONYMOUS');

-- CreateEnum
CREATE TYPE "RouterHealth" AS ENUM ('UNKNOWN', 'ONLINE', 'OFFLINE');

-- CreateEnum
CREATE TYPE "SyncState" AS ENUM ('PENDING', 'IN_SYNC', 'DRIFT', 'ERROR');

-- AlterTable
ALTER TABLE "customers" ADD COLUMN     "router_id" UUID;

-- AlterTable
ALTER TABLE "routers" ADD COLUMN     "api_tls_ca" TEXT,
ADD COLUMN     "api_tls_mode" "RouterTlsMode" NOT NULL DEFAULT 'VERIFY',
ADD COLUMN     "board" TEXT,
ADD COLUMN     "cpu_load" INTEGER,
ADD COLUMN     "drift_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "free_memory" BIGINT,
ADD COLUMN     "health" "RouterHealth" NOT NULL DEFAULT 'UNKNOWN',
ADD COLUMN     "health_checked_at" TIMESTAMPTZ(3),
ADD COLUMN     "health_error" TEXT,
ADD COLUMN     "identity" TEXT,
ADD COLUMN     "last_seen_at" TIMESTAMPTZ(3),
ADD COLUMN     "mode" "RouterMode" NOT NULL DEFAULT 'RADIUS',
ADD COLUMN     "ros_version" TEXT,
ADD COLUMN     "setup_applied_at" TIMESTAMPTZ(3),
ADD COLUMN     "sync_error" TEXT,
ADD COLUMN     "sync_state" "SyncState" NOT NULL DEFAULT 'PENDING',
ADD COLUMN     "synced_at" TIMESTAMPTZ(3),
ADD COLUMN     "total_memory" BIGINT,
ADD COLUMN     "uptime_seconds" INTEGER;

-- CreateTable
CREATE TABLE "router_health_checks" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "router_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ok" BOOLEAN NOT NULL,
    "latency_ms" INTEGER,
    "error" TEXT,
    "uptime_seconds" INTEGER,
    "cpu_load" INTEGER,
    "free_memory" BIGINT,
    "total_memory" BIGINT,

    CONSTRAINT "router_health_checks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "router_api_logs" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "router_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "command" TEXT NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "error_kind" TEXT,
    "message" TEXT,
    "rows" INTEGER,

    CONSTRAINT "router_api_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_router_sync" (
    "tenant_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "router_id" UUID NOT NULL,
    "state" "SyncState" NOT NULL DEFAULT 'PENDING',
    "synced_at" TIMESTAMPTZ(3),
    "error" TEXT,
    "drift" JSONB,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "customer_router_sync_pkey" PRIMARY KEY ("customer_id","router_id")
);

-- CreateIndex
CREATE INDEX "router_health_checks_tenant_id_router_id_at_idx" ON "router_health_checks"("tenant_id", "router_id", "at");

-- CreateIndex
CREATE INDEX "router_api_logs_tenant_id_router_id_at_idx" ON "router_api_logs"("tenant_id", "router_id", "at");

-- CreateIndex
CREATE INDEX "customer_router_sync_tenant_id_router_id_state_idx" ON "customer_router_sync"("tenant_id", "router_id", "state");

-- CreateIndex
CREATE INDEX "customers_tenant_id_router_id_idx" ON "customers"("tenant_id", "router_id");

-- CreateIndex
CREATE INDEX "routers_tenant_id_health_idx" ON "routers"("tenant_id", "health");

-- AddForeignKey
ALTER TABLE "customers" ADD CONSTRAINT "customers_router_id_fkey" FOREIGN KEY ("router_id") REFERENCES "routers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "router_health_checks" ADD CONSTRAINT "router_health_checks_router_id_fkey" FOREIGN KEY ("router_id") REFERENCES "routers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "router_api_logs" ADD CONSTRAINT "router_api_logs_router_id_fkey" FOREIGN KEY ("router_id") REFERENCES "routers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_router_sync" ADD CONSTRAINT "customer_router_sync_router_id_fkey" FOREIGN KEY ("router_id") REFERENCES "routers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_router_sync" ADD CONSTRAINT "customer_router_sync_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Tenancy: the new tenant-owned tables behind row-level security like the others.
ALTER TABLE "router_health_checks" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "router_health_checks" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "router_health_checks" USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());
ALTER TABLE "router_api_logs" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "router_api_logs" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "router_api_logs" USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());
ALTER TABLE "customer_router_sync" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "customer_router_sync" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "customer_router_sync" USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());

-- A customer's router belongs to the customer's ISP.
CREATE FUNCTION customer_router_same_tenant() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW.router_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM routers r WHERE r.id = NEW.router_id AND r.tenant_id = NEW.tenant_id) THEN
    RAISE EXCEPTION 'router % is not a router of this ISP', NEW.router_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END
$fn$;
CREATE TRIGGER customers_router_same_tenant BEFORE INSERT OR UPDATE OF router_id, tenant_id ON "customers"
  FOR EACH ROW EXECUTE FUNCTION customer_router_same_tenant();
