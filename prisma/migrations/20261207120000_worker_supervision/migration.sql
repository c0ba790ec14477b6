-- Worker supervision: live workers beat here (for /api/health and crash recovery), and a run
-- remembers which worker runs it and how many of its attempts died with their worker.
CREATE TABLE IF NOT EXISTS "worker_heartbeats" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "machine" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "beat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fatal_error" TEXT,

    CONSTRAINT "worker_heartbeats_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "job_runs" ADD COLUMN IF NOT EXISTS "worker_id" UUID;
ALTER TABLE "job_runs" ADD COLUMN IF NOT EXISTS "crashes" INTEGER NOT NULL DEFAULT 0;

-- Recovery looks up the runs of one dead worker. worker_id is cleared when a run finishes, waits
-- for a retry or is deferred, so the index holds only the runs in flight.
CREATE INDEX IF NOT EXISTS "job_runs_worker_id_idx" ON "job_runs" ("worker_id") WHERE "worker_id" IS NOT NULL;

-- A platform table: no tenant's data, read and written by the job runtime and /api/health only
-- (through withSystem).
GRANT SELECT, INSERT, UPDATE, DELETE ON "worker_heartbeats" TO isp_app, isp_system;
