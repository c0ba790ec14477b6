-- Prices per reseller tier (issue "Resellers' money and vouchers", item 1): a package has the
-- customer price and what each tier buys it at. reseller_price_minor was "what customers of
-- resellers pay" and was never charged anywhere; it becomes the reseller's buy price, and
-- sub_reseller_price_minor the sub-reseller's. Null: the tier above's price (a sub-reseller with
-- neither pays the customer price, as does a reseller with none). The database keeps them
-- non-negative; the form keeps them ordered (reseller <= sub-reseller <= customer price).
ALTER TABLE "packages" ADD COLUMN IF NOT EXISTS "sub_reseller_price_minor" BIGINT;
ALTER TABLE "packages" DROP CONSTRAINT IF EXISTS packages_price;
ALTER TABLE "packages" ADD CONSTRAINT packages_price CHECK (
  price_minor >= 0
  AND (reseller_price_minor IS NULL OR reseller_price_minor >= 0)
  AND (sub_reseller_price_minor IS NULL OR sub_reseller_price_minor >= 0)
);
COMMENT ON COLUMN "packages"."reseller_price_minor" IS 'What a reseller pays for one period of the package (its buy price); null = the customer price.';
COMMENT ON COLUMN "packages"."sub_reseller_price_minor" IS 'What a sub-reseller pays for one period; null = the reseller price (or the customer price).';

-- Special prices: what one reseller or sub-reseller pays for a package instead of its tier's
-- price. Set by the ISP's staff, or by a reseller for its own sub-resellers. One row per operator
-- and package; the operator and the package are the tenant's own (keys on tenant and id), and
-- both take their special prices with them when deleted.
CREATE TABLE IF NOT EXISTS "reseller_package_prices" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "tenant_id" UUID NOT NULL,
  "operator_id" UUID NOT NULL,
  "package_id" UUID NOT NULL,
  "price_minor" BIGINT NOT NULL,
  "set_by_id" UUID,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "reseller_package_prices_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "reseller_package_prices_price_check" CHECK ("price_minor" >= 0)
);
CREATE UNIQUE INDEX IF NOT EXISTS "reseller_package_prices_operator_id_package_id_key" ON "reseller_package_prices" ("operator_id", "package_id");
CREATE INDEX IF NOT EXISTS "reseller_package_prices_tenant_id_package_id_idx" ON "reseller_package_prices" ("tenant_id", "package_id");
CREATE UNIQUE INDEX IF NOT EXISTS "packages_tenant_id_id_key" ON "packages" ("tenant_id", "id");
ALTER TABLE "reseller_package_prices" DROP CONSTRAINT IF EXISTS "reseller_package_prices_tenant_id_operator_id_fkey";
ALTER TABLE "reseller_package_prices" ADD CONSTRAINT "reseller_package_prices_tenant_id_operator_id_fkey"
  FOREIGN KEY ("tenant_id", "operator_id") REFERENCES "operators" ("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "reseller_package_prices" DROP CONSTRAINT IF EXISTS "reseller_package_prices_tenant_id_package_id_fkey";
ALTER TABLE "reseller_package_prices" ADD CONSTRAINT "reseller_package_prices_tenant_id_package_id_fkey"
  FOREIGN KEY ("tenant_id", "package_id") REFERENCES "packages" ("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "reseller_package_prices" DROP CONSTRAINT IF EXISTS "reseller_package_prices_set_by_id_fkey";
ALTER TABLE "reseller_package_prices" ADD CONSTRAINT "reseller_package_prices_set_by_id_fkey"
  FOREIGN KEY ("set_by_id") REFERENCES "operators" ("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "reseller_package_prices" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "reseller_package_prices" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON "reseller_package_prices";
CREATE POLICY tenant_isolation ON "reseller_package_prices"
  USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());
