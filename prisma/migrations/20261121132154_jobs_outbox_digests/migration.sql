-- CreateEnum
CREATE TYPE "JobRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'RETRYING', 'COMPLETED', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "JobStepStatus" AS ENUM ('RUNNING', 'COMPLETED', 'FAILED');

-- CreateTable
CREATE TABLE "job_runs" (
    "id" UUID NOT NULL,
    "tenant_id" UUID,
    "job_id" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "JobRunStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "max_attempts" INTEGER NOT NULL,
    "concurrency_key" TEXT,
    "progress_done" INTEGER,
    "progress_total" INTEGER,
    "last_error" TEXT,
    "output" JSONB,
    "parent_run_id" UUID,
    "rerun_of_id" UUID,
    "driver_ref" TEXT,
    "queued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "job_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_steps" (
    "run_id" UUID NOT NULL,
    "step_id" TEXT NOT NULL,
    "tenant_id" UUID,
    "position" INTEGER NOT NULL,
    "status" "JobStepStatus" NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "output" JSONB,
    "error" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "job_steps_pkey" PRIMARY KEY ("run_id","step_id")
);

-- CreateTable
CREATE TABLE "job_leases" (
    "key" TEXT NOT NULL,
    "run_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "job_leases_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "job_schedules" (
    "job_id" TEXT NOT NULL,
    "last_tick_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "job_schedules_pkey" PRIMARY KEY ("job_id")
);

-- CreateTable
CREATE TABLE "outbox_events" (
    "id" UUID NOT NULL,
    "tenant_id" UUID,
    "name" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tenant_digests" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "timezone" TEXT NOT NULL,
    "customers_by_status" JSONB NOT NULL,
    "customers_total" INTEGER NOT NULL,
    "new_customers" INTEGER NOT NULL,
    "audit_entries" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tenant_digests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "job_runs_tenant_id_queued_at_idx" ON "job_runs"("tenant_id", "queued_at" DESC);

-- CreateIndex
CREATE INDEX "job_runs_tenant_id_status_idx" ON "job_runs"("tenant_id", "status");

-- CreateIndex
CREATE INDEX "job_runs_parent_run_id_idx" ON "job_runs"("parent_run_id");

-- CreateIndex
CREATE UNIQUE INDEX "job_runs_job_id_idempotency_key_key" ON "job_runs"("job_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "outbox_events_tenant_id_created_at_idx" ON "outbox_events"("tenant_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "tenant_digests_tenant_id_day_key" ON "tenant_digests"("tenant_id", "day");

-- AddForeignKey
ALTER TABLE "job_steps" ADD CONSTRAINT "job_steps_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "job_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tenant_digests" ADD CONSTRAINT "tenant_digests_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenant-owned rows are confined by row-level security like every other tenant table. Platform
-- runs and events (tenant_id NULL) match no tenant, so only the system scope sees them.
ALTER TABLE "job_runs" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "job_runs" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "job_runs"
  USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());

ALTER TABLE "job_steps" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "job_steps" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "job_steps"
  USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());

ALTER TABLE "outbox_events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "outbox_events" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "outbox_events"
  USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());

ALTER TABLE "tenant_digests" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tenant_digests" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "tenant_digests"
  USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());

-- Only undelivered events are ever scanned by the relay (partial: not expressible in the schema).
CREATE INDEX "outbox_events_pending_idx" ON "outbox_events" ("next_attempt_at") WHERE "sent_at" IS NULL;

-- Wake the relay as soon as an event commits (NOTIFY is delivered at commit).
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_notify('outbox_events', '');
  RETURN NULL;
END
$fn$;
CREATE TRIGGER outbox_events_notify AFTER INSERT ON "outbox_events"
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
