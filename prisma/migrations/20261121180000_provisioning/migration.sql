-- CreateTable
CREATE TABLE "router_provisioning" (
    "router_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "allowed_address_list" TEXT NOT NULL DEFAULT 'allowed',
    "arp_interface" TEXT,
    "dhcp_server" TEXT DEFAULT 'all',
    "hotspot_server" TEXT NOT NULL DEFAULT 'all',
    "change_seq" INTEGER NOT NULL DEFAULT 0,
    "claimed_seq" INTEGER NOT NULL DEFAULT 0,
    "last_run_at" TIMESTAMPTZ(3),
    "last_run_ms" INTEGER,
    "last_run_writes" INTEGER,
    "last_run_items" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "router_provisioning_pkey" PRIMARY KEY ("router_id")
);

-- CreateTable
CREATE TABLE "router_sync_items" (
    "tenant_id" UUID NOT NULL,
    "router_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "menu" TEXT NOT NULL,
    "customer_id" UUID,
    "label" TEXT NOT NULL,
    "router_item_id" TEXT,
    "written" JSONB NOT NULL,
    "overrides" JSONB,
    "drift" JSONB,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "router_sync_items_pkey" PRIMARY KEY ("router_id","key")
);

-- CreateIndex
CREATE INDEX "router_provisioning_tenant_id_idx" ON "router_provisioning"("tenant_id");

-- CreateIndex
CREATE INDEX "router_sync_items_tenant_id_router_id_idx" ON "router_sync_items"("tenant_id", "router_id");

-- CreateIndex
CREATE INDEX "router_sync_items_tenant_id_customer_id_idx" ON "router_sync_items"("tenant_id", "customer_id");

-- AddForeignKey
ALTER TABLE "router_provisioning" ADD CONSTRAINT "router_provisioning_router_id_fkey" FOREIGN KEY ("router_id") REFERENCES "routers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "router_sync_items" ADD CONSTRAINT "router_sync_items_router_id_fkey" FOREIGN KEY ("router_id") REFERENCES "routers"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Tenancy: the new tenant-owned tables behind row-level security like the others.
ALTER TABLE "router_provisioning" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "router_provisioning" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "router_provisioning" USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());
ALTER TABLE "router_sync_items" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "router_sync_items" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "router_sync_items" USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());
