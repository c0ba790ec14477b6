-- CreateEnum
CREATE TYPE "ConnectionType" AS ENUM ('PPPOE', 'HOTSPOT', 'STATIC');

-- CreateEnum
CREATE TYPE "ValidityUnit" AS ENUM ('HOUR', 'DAY', 'WEEK', 'MONTH');

-- CreateEnum
CREATE TYPE "DataCapAction" AS ENUM ('CUT_OFF', 'THROTTLE');

-- CreateEnum
CREATE TYPE "PackageStatus" AS ENUM ('ACTIVE', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "RouterStatus" AS ENUM ('ACTIVE', 'DISABLED');

-- AlterTable
ALTER TABLE "customers" ADD COLUMN     "connection_type" "ConnectionType" NOT NULL DEFAULT 'PPPOE',
ADD COLUMN     "expires_at" TIMESTAMPTZ(3),
ADD COLUMN     "mac_address" TEXT,
ADD COLUMN     "mac_lock" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "network_password_enc" TEXT,
ADD COLUMN     "notes" TEXT,
ADD COLUMN     "package_id" UUID,
ADD COLUMN     "static_ip" INET;

-- CreateTable
CREATE TABLE "packages" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "price_minor" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "validity_value" INTEGER NOT NULL,
    "validity_unit" "ValidityUnit" NOT NULL,
    "rate_down_bps" BIGINT NOT NULL,
    "rate_up_bps" BIGINT NOT NULL,
    "burst_down_bps" BIGINT,
    "burst_up_bps" BIGINT,
    "burst_threshold_down_bps" BIGINT,
    "burst_threshold_up_bps" BIGINT,
    "burst_time_seconds" INTEGER,
    "data_cap_bytes" BIGINT,
    "data_cap_action" "DataCapAction",
    "fup_down_bps" BIGINT,
    "fup_up_bps" BIGINT,
    "shared_users" INTEGER NOT NULL DEFAULT 1,
    "connection_types" "ConnectionType"[],
    "ip_pool" TEXT,
    "reseller_visible" BOOLEAN NOT NULL DEFAULT false,
    "reseller_price_minor" INTEGER,
    "status" "PackageStatus" NOT NULL DEFAULT 'ACTIVE',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "packages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "radcheck" (
    "id" SERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "attribute" TEXT NOT NULL,
    "op" VARCHAR(2) NOT NULL DEFAULT ':=',
    "value" TEXT NOT NULL,

    CONSTRAINT "radcheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "radreply" (
    "id" SERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "attribute" TEXT NOT NULL,
    "op" VARCHAR(2) NOT NULL DEFAULT '=',
    "value" TEXT NOT NULL,

    CONSTRAINT "radreply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "radgroupcheck" (
    "id" SERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "groupname" TEXT NOT NULL,
    "attribute" TEXT NOT NULL,
    "op" VARCHAR(2) NOT NULL DEFAULT ':=',
    "value" TEXT NOT NULL,

    CONSTRAINT "radgroupcheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "radgroupreply" (
    "id" SERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "groupname" TEXT NOT NULL,
    "attribute" TEXT NOT NULL,
    "op" VARCHAR(2) NOT NULL DEFAULT '=',
    "value" TEXT NOT NULL,

    CONSTRAINT "radgroupreply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "radusergroup" (
    "id" SERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "groupname" TEXT NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "radusergroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "radacct" (
    "radacctid" BIGSERIAL NOT NULL,
    "tenant_id" UUID,
    "acctsessionid" TEXT NOT NULL,
    "acctuniqueid" TEXT NOT NULL,
    "username" TEXT,
    "realm" TEXT,
    "nasipaddress" INET NOT NULL,
    "nasportid" TEXT,
    "nasporttype" TEXT,
    "acctstarttime" TIMESTAMPTZ(6),
    "acctupdatetime" TIMESTAMPTZ(6),
    "acctstoptime" TIMESTAMPTZ(6),
    "acctinterval" BIGINT,
    "acctsessiontime" BIGINT,
    "acctauthentic" TEXT,
    "connectinfo_start" TEXT,
    "connectinfo_stop" TEXT,
    "acctinputoctets" BIGINT,
    "acctoutputoctets" BIGINT,
    "calledstationid" TEXT,
    "callingstationid" TEXT,
    "acctterminatecause" TEXT,
    "servicetype" TEXT,
    "framedprotocol" TEXT,
    "framedipaddress" INET,
    "framedipv6address" INET,
    "framedipv6prefix" INET,
    "framedinterfaceid" TEXT,
    "delegatedipv6prefix" INET,
    "class" TEXT,

    CONSTRAINT "radacct_pkey" PRIMARY KEY ("radacctid")
);

-- CreateTable
CREATE TABLE "radpostauth" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" UUID,
    "username" TEXT NOT NULL,
    "reply" TEXT,
    "calledstationid" TEXT,
    "callingstationid" TEXT,
    "nasipaddress" INET,
    "authdate" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "class" TEXT,

    CONSTRAINT "radpostauth_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "nas" (
    "id" SERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "router_id" UUID NOT NULL,
    "nasname" TEXT NOT NULL,
    "shortname" TEXT NOT NULL,
    "type" TEXT NOT NULL DEFAULT 'other',
    "ports" INTEGER,
    "secret" TEXT NOT NULL,
    "server" TEXT,
    "community" TEXT,
    "description" TEXT,

    CONSTRAINT "nas_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "radexpiry" (
    "tenant_id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "radexpiry_pkey" PRIMARY KEY ("tenant_id","username")
);

-- CreateTable
CREATE TABLE "routers" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "nas_ip" INET NOT NULL,
    "radius_secret_enc" TEXT NOT NULL,
    "site" TEXT,
    "type" TEXT NOT NULL DEFAULT 'mikrotik',
    "status" "RouterStatus" NOT NULL DEFAULT 'ACTIVE',
    "api_host" TEXT,
    "api_port" INTEGER,
    "api_tls" BOOLEAN NOT NULL DEFAULT false,
    "api_username" TEXT,
    "api_password_enc" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "routers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "packages_tenant_id_status_idx" ON "packages"("tenant_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "packages_tenant_id_name_key" ON "packages"("tenant_id", "name");

-- CreateIndex
CREATE INDEX "radcheck_tenant_id_username_idx" ON "radcheck"("tenant_id", "username");

-- CreateIndex
CREATE INDEX "radreply_tenant_id_username_idx" ON "radreply"("tenant_id", "username");

-- CreateIndex
CREATE INDEX "radgroupcheck_groupname_idx" ON "radgroupcheck"("groupname");

-- CreateIndex
CREATE INDEX "radgroupreply_groupname_idx" ON "radgroupreply"("groupname");

-- CreateIndex
CREATE INDEX "radusergroup_tenant_id_username_idx" ON "radusergroup"("tenant_id", "username");

-- CreateIndex
CREATE UNIQUE INDEX "radacct_acctuniqueid_key" ON "radacct"("acctuniqueid");

-- CreateIndex
CREATE INDEX "radacct_tenant_id_username_acctstarttime_idx" ON "radacct"("tenant_id", "username", "acctstarttime" DESC);

-- CreateIndex
CREATE INDEX "radacct_tenant_id_acctstarttime_idx" ON "radacct"("tenant_id", "acctstarttime");

-- CreateIndex
CREATE INDEX "radpostauth_tenant_id_username_authdate_idx" ON "radpostauth"("tenant_id", "username", "authdate" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "nas_router_id_key" ON "nas"("router_id");

-- CreateIndex
CREATE UNIQUE INDEX "nas_nasname_key" ON "nas"("nasname");

-- CreateIndex
CREATE UNIQUE INDEX "routers_nas_ip_key" ON "routers"("nas_ip");

-- CreateIndex
CREATE UNIQUE INDEX "routers_tenant_id_name_key" ON "routers"("tenant_id", "name");

-- CreateIndex
CREATE INDEX "customers_tenant_id_expires_at_idx" ON "customers"("tenant_id", "expires_at");

-- CreateIndex
CREATE INDEX "customers_tenant_id_package_id_idx" ON "customers"("tenant_id", "package_id");

-- AddForeignKey
ALTER TABLE "customers" ADD CONSTRAINT "customers_package_id_fkey" FOREIGN KEY ("package_id") REFERENCES "packages"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Tenant-owned business tables: the same row-level security as everywhere else.
ALTER TABLE "packages" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "packages" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "packages" USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());
ALTER TABLE "routers" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "routers" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "routers" USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());

-- FreeRADIUS's tables: the app reaches them only as a tenant, like any other table.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['radcheck', 'radreply', 'radgroupcheck', 'radgroupreply', 'radusergroup', 'radexpiry', 'radacct', 'radpostauth', 'nas'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
  END LOOP;
END
$$;

-- FreeRADIUS logs in as isp_radius: it serves every tenant (its queries filter by the tenant of
-- the asking router), reads only what authorization needs and writes only accounting and the
-- auth log.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'isp_radius') THEN
    CREATE ROLE isp_radius LOGIN NOSUPERUSER BYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO isp_radius;
GRANT SELECT ON radcheck, radreply, radgroupcheck, radgroupreply, radusergroup, radexpiry, nas TO isp_radius;
GRANT SELECT, INSERT, UPDATE ON radacct TO isp_radius;
GRANT INSERT ON radpostauth TO isp_radius;
GRANT USAGE, SELECT ON SEQUENCE radacct_radacctid_seq, radpostauth_id_seq TO isp_radius;

-- Accounting hot paths (FreeRADIUS's stock partial indexes, with the tenant first where we filter by it).
CREATE INDEX radacct_active_session_idx ON radacct (acctuniqueid) WHERE acctstoptime IS NULL;
CREATE INDEX radacct_bulk_close ON radacct (nasipaddress, acctstarttime) WHERE acctstoptime IS NULL;
CREATE INDEX radacct_open_by_user_idx ON radacct (tenant_id, username) WHERE acctstoptime IS NULL;

ALTER TABLE radcheck ADD CONSTRAINT radcheck_op CHECK (op IN ('=', ':=', '==', '+=', '!=', '>', '>=', '<', '<=', '=~', '!~', '=*', '!*'));
ALTER TABLE radreply ADD CONSTRAINT radreply_op CHECK (op IN ('=', ':=', '+='));
ALTER TABLE packages ADD CONSTRAINT packages_price CHECK (price_minor >= 0 AND (reseller_price_minor IS NULL OR reseller_price_minor >= 0));
ALTER TABLE packages ADD CONSTRAINT packages_rates CHECK (rate_down_bps > 0 AND rate_up_bps > 0 AND validity_value > 0 AND shared_users > 0);
