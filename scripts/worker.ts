// `npm run worker`: the job runtime on its own (outbox relay, and with the local driver the workers
// and the cron scheduler), for deployments that run it apart from the web process. Any number may
// run at once: pg-boss and the outbox hand each job and event to exactly one of them.
import { prepareSchema, resolveAppDatabase } from "./lib/resolve-database";
import { startProductJobs } from "./lib/job-runtime";

const log = (m: string) => console.log(`[worker] ${m}`);

async function main() {
  const db = await resolveAppDatabase({ log });
  await prepareSchema(db);
  process.env.DATABASE_URL = db.url;
  process.env.APP_DATABASE_URL = db.appUrl;
  const runtime = await startProductJobs(db.appUrl, log);
  const stop = async () => {
    log("stopping...");
    await runtime.stop();
    await db.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
