// Benchmark: jobs per second through the local driver (pg-boss + runs + steps), and outbox relay
// throughput. Usage: npm run bench:jobs [-- --jobs 2000 --workers 8 --events 10000]
import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { z } from "zod";
import { resolveTestDatabase } from "../lib/resolve-database";

const { values } = parseArgs({ options: { jobs: { type: "string", default: "2000" }, workers: { type: "string", default: "8" }, events: { type: "string", default: "10000" } } });
const JOBS = Number(values.jobs);
const WORKERS = Number(values.workers);
const EVENTS = Number(values.events);

async function main() {
  const db = await resolveTestDatabase("isp_bench_jobs", { log: console.log });
  process.env.DATABASE_URL = db.url;
  process.env.APP_DATABASE_URL = db.appUrl;
  const { withSystem, disconnectPrisma } = await import("@/lib/db");
  const { defineJob } = await import("@/lib/jobs/define-job");
  const { LocalDriver } = await import("@/lib/jobs/local/local-driver");
  const { ensureBossSchema } = await import("@/lib/jobs/local/boss-schema");
  const { emitEvents } = await import("@/lib/jobs/outbox/emit-event");
  const { relayTransactional, relayClaimed } = await import("@/lib/jobs/outbox/relay");
  const { createInngestClient } = await import("@/inngest/client");
  const { createInngestSender } = await import("@/inngest/send-events");
  const pg = await import("pg");
  const admin = new pg.default.Client({ connectionString: db.url });
  await admin.connect();
  await admin.query("CREATE TABLE IF NOT EXISTS bench_writes (run_id uuid PRIMARY KEY, at timestamptz DEFAULT now())");
  await admin.query("GRANT ALL ON bench_writes TO isp_app, isp_system");

  const noop = defineJob({ id: "bench.noop", name: "no-op", scope: "platform", payload: z.object({ i: z.number() }), events: ["bench/noop"], retries: 0, handler: async () => {} });
  const write = defineJob({
    id: "bench.write",
    name: "one write",
    scope: "platform",
    payload: z.object({ i: z.number() }),
    events: ["bench/write"],
    retries: 0,
    handler: async ({ runId, step }) => {
      await step.run("write", () => withSystem("bench: write", (tx) => tx.$executeRaw`INSERT INTO bench_writes (run_id) VALUES (${runId}::uuid) ON CONFLICT DO NOTHING`));
    },
  });
  const defs = [noop, write] as never[];

  async function throughput(def: { id: string }, label: string) {
    const queue = `bench-${def.id.replace(".", "-")}`;
    await ensureBossSchema(db.url, [queue]);
    const enqueuer = new LocalDriver({ connectionString: db.appUrl, definitions: defs, queue });
    await enqueuer.start({ work: false });
    for (let i = 0; i < JOBS; i += 200) {
      await withSystem("bench: enqueue", async (tx) => {
        for (let j = i; j < Math.min(JOBS, i + 200); j++) {
          await enqueuer.enqueue(tx, { definition: defs.find((d: { id: string }) => d.id === def.id)!, payload: { i: j }, trigger: "manual", idempotencyKey: `bench:${j}` });
        }
      });
    }
    await enqueuer.stop();
    const worker = new LocalDriver({ connectionString: db.appUrl, definitions: defs, queue, workers: WORKERS, pollingIntervalSeconds: 0.5 });
    const start = performance.now();
    await worker.start({ work: true });
    for (;;) {
      const left = await withSystem("bench: left", (tx) => tx.jobRun.count({ where: { jobId: def.id, status: { not: "COMPLETED" } } }));
      if (left === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const seconds = (performance.now() - start) / 1000;
    await worker.stop();
    console.log(`${label.padEnd(36)} ${JOBS} runs in ${seconds.toFixed(1)} s = ${(JOBS / seconds).toFixed(0)} jobs/s (${WORKERS} workers)`);
  }

  console.log(`\nLocal driver, ${JOBS} runs each:`);
  await throughput(noop, "no-op handler");
  await throughput(write, "handler with one DB write (a step)");

  console.log(`\nOutbox relay, ${EVENTS} events:`);
  const emit = async (name: string) => {
    for (let i = 0; i < EVENTS; i += 1000) {
      await withSystem("bench: emit", (tx) => emitEvents(tx, Array.from({ length: Math.min(1000, EVENTS - i) }, (_, k) => ({ name, tenantId: null, data: { i: i + k } }))));
    }
  };
  await ensureBossSchema(db.url, ["bench-relay"]);
  const relayDriver = new LocalDriver({ connectionString: db.appUrl, definitions: defs, queue: "bench-relay" });
  await relayDriver.start({ work: false });
  await emit("bench/noop");
  let start = performance.now();
  while ((await relayTransactional((tx, rows) => relayDriver.deliver(tx, rows), 200, { names: ["bench/noop"] })) > 0);
  let seconds = (performance.now() - start) / 1000;
  console.log(`${"to the local driver (run + queue entry)".padEnd(44)} ${(EVENTS / seconds).toFixed(0)} events/s`);
  await relayDriver.stop();

  const received = { n: 0 };
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const events = JSON.parse(body) as { id: string }[];
      received.n += events.length;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ids: events.map((e) => e.id), status: 200 }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const send = createInngestSender(createInngestClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, eventKey: "bench", timeoutMs: 5000 }), 5000);
  await emit("bench/inngest");
  start = performance.now();
  while ((await relayClaimed(send, { batchSize: 200, names: ["bench/inngest"] })) > 0);
  seconds = (performance.now() - start) / 1000;
  console.log(`${"to Inngest (loopback event API, batches of 200)".padEnd(44)} ${(EVENTS / seconds).toFixed(0)} events/s (${received.n} received)`);
  server.close();

  await admin.end();
  await disconnectPrisma();
  await db.stop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
