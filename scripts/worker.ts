// `npm run worker`: the job runtime on its own (outbox relay, and with the local driver the workers
// and the cron scheduler), for deployments that run it apart from the web process. Any number may
// run at once: pg-boss and the outbox hand each job and event to exactly one of them. `npm start`
// runs it as a supervised child (ISP_SUPERVISED=1: the database is migrated already, and the
// worker stops when the supervisor is gone).
import { prepareSchema, resolveAppDatabase } from "./lib/resolve-database";
import { startProductJobs } from "./lib/job-runtime";
import { exitWhenParentDies } from "./lib/supervisor";
import { exitOnFatalErrors } from "@/lib/jobs/fatal-errors";
import type { JobRuntime } from "@/lib/jobs/runtime";

const log = (m: string) => console.log(`[worker] ${m}`);
const supervised = process.env.ISP_SUPERVISED === "1";

async function main() {
  const started: { runtime?: JobRuntime } = {};
  // An uncaught error ends this process (docs/jobs.md, "Crashes and poison runs"); the supervisor
  // or the service manager starts a clean one.
  exitOnFatalErrors({ log, record: async (text) => started.runtime?.recordFatal(text) });
  const db = await resolveAppDatabase({ log });
  if (!supervised) await prepareSchema(db);
  process.env.DATABASE_URL = db.url;
  process.env.APP_DATABASE_URL = db.appUrl;
  const runtime = await startProductJobs(db.appUrl, log);
  started.runtime = runtime;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log("stopping...");
    await runtime.stop();
    await db.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  if (supervised) exitWhenParentDies(() => void stop());
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
