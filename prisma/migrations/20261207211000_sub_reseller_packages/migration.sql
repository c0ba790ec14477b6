-- Which packages a sub-reseller sells (issue "Resellers' money and vouchers", item 1): every
-- package on sale to resellers, less the ones its reseller (or the ISP's staff) took off its list.
-- Stored as the exceptions so that a package the ISP puts on sale reaches the sub-resellers too,
-- and a reseller who wants fewer unticks them (docs/resellers.md).
CREATE TABLE IF NOT EXISTS "sub_reseller_package_exclusions" (
  "tenant_id" UUID NOT NULL,
  "operator_id" UUID NOT NULL,
  "package_id" UUID NOT NULL,
  "set_by_id" UUID,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "sub_reseller_package_exclusions_pkey" PRIMARY KEY ("operator_id", "package_id")
);
CREATE INDEX IF NOT EXISTS "sub_reseller_package_exclusions_tenant_id_package_id_idx" ON "sub_reseller_package_exclusions" ("tenant_id", "package_id");
ALTER TABLE "sub_reseller_package_exclusions" DROP CONSTRAINT IF EXISTS "sub_reseller_package_exclusions_tenant_id_operator_id_fkey";
ALTER TABLE "sub_reseller_package_exclusions" ADD CONSTRAINT "sub_reseller_package_exclusions_tenant_id_operator_id_fkey"
  FOREIGN KEY ("tenant_id", "operator_id") REFERENCES "operators" ("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "sub_reseller_package_exclusions" DROP CONSTRAINT IF EXISTS "sub_reseller_package_exclusions_tenant_id_package_id_fkey";
ALTER TABLE "sub_reseller_package_exclusions" ADD CONSTRAINT "sub_reseller_package_exclusions_tenant_id_package_id_fkey"
  FOREIGN KEY ("tenant_id", "package_id") REFERENCES "packages" ("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "sub_reseller_package_exclusions" DROP CONSTRAINT IF EXISTS "sub_reseller_package_exclusions_set_by_id_fkey";
ALTER TABLE "sub_reseller_package_exclusions" ADD CONSTRAINT "sub_reseller_package_exclusions_set_by_id_fkey"
  FOREIGN KEY ("set_by_id") REFERENCES "operators" ("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "sub_reseller_package_exclusions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "sub_reseller_package_exclusions" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON "sub_reseller_package_exclusions";
CREATE POLICY tenant_isolation ON "sub_reseller_package_exclusions"
  USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());
