-- AlterTable
ALTER TABLE "customers" ADD COLUMN     "data_cap_reached_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "usage_daily" (
    "tenant_id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "bytes_in" BIGINT NOT NULL DEFAULT 0,
    "bytes_out" BIGINT NOT NULL DEFAULT 0,
    "seconds" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "usage_daily_pkey" PRIMARY KEY ("tenant_id","username","day")
);

-- CreateTable
CREATE TABLE "usage_seen" (
    "acctuniqueid" TEXT NOT NULL,
    "tenant_id" UUID NOT NULL,
    "bytes_in" BIGINT NOT NULL DEFAULT 0,
    "bytes_out" BIGINT NOT NULL DEFAULT 0,
    "seconds" BIGINT NOT NULL DEFAULT 0,
    "closed" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "usage_seen_pkey" PRIMARY KEY ("acctuniqueid")
);

-- CreateIndex
CREATE INDEX "usage_seen_tenant_id_idx" ON "usage_seen"("tenant_id");

-- CreateIndex
CREATE INDEX "radacct_tenant_update_idx" ON "radacct"("tenant_id", "acctupdatetime");

ALTER TABLE "usage_daily" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "usage_daily" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "usage_daily" USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());
ALTER TABLE "usage_seen" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "usage_seen" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "usage_seen" USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());
