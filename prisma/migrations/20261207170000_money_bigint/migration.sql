-- Money columns become 64-bit minor units: a 32-bit price stopped at 21,474,836.47 (with a
-- generic error past it). The data is kept (INTEGER -> BIGINT widens every value exactly); the
-- existing CHECK packages_price (price_minor >= 0, reseller price null or >= 0) carries over.
-- Re-running is a no-op: the type test skips the rewrite once the columns are BIGINT.
DO $$ BEGIN
  IF (SELECT data_type FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'packages' AND column_name = 'price_minor') <> 'bigint' THEN
    ALTER TABLE "packages"
      ALTER COLUMN "price_minor" SET DATA TYPE BIGINT,
      ALTER COLUMN "reseller_price_minor" SET DATA TYPE BIGINT;
  END IF;
END $$;

DO $$ BEGIN
  ALTER TABLE "packages" ADD CONSTRAINT packages_price CHECK (price_minor >= 0 AND (reseller_price_minor IS NULL OR reseller_price_minor >= 0));
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
