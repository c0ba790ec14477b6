// `npm start`: the whole product on one machine, supervised. This process owns the database: it
// starts (or uses) PostgreSQL, applies migrations, seeds the demo ISP when appropriate and builds
// when sources changed. Everything that can crash runs as a child process (scripts/lib/supervisor.ts):
// the web server, the job worker, the demo routers' simulators and FreeRADIUS. A child that dies
// is logged and restarted with backoff; the database lives on. When this process dies, however it
// dies, its children and the embedded PostgreSQL go with it.
import { buildIsStale, nextBin, runNextBuild } from "./lib/build";
import { isEmpty } from "./lib/database";
import { prepareSchema, radiusDatabaseUrl, resolveAppDatabase } from "./lib/resolve-database";
import { localSecrets } from "./lib/secrets";
import { EX_CONFIG, exitWhenParentDies, Supervisor, type ChildSpec } from "./lib/supervisor";
import { freeradiusInstalled } from "@/lib/radius/server/run-freeradius";
import type { Database } from "./lib/database";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const log = (m: string) => console.log(`[start] ${m}`);

function tsChild(name: string, script: string, args: string[], env: NodeJS.ProcessEnv): ChildSpec {
  // Node with tsx's loader rather than the tsx CLI: one process per child, not two.
  return { name, command: process.execPath, args: ["--import", "tsx", script, ...args], env, finalExitCodes: [EX_CONFIG] };
}

async function main() {
  const supervisor = new Supervisor({ log: (m) => console.log(`[supervisor] ${m}`) });
  let db: Database | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log("stopping: the children first, then the database...");
    await supervisor.stop();
    await db?.stop().catch(() => {});
    supervisor.release();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  // Under `npm start` our parent is npm/tsx: if it is killed outright, we stop too.
  exitWhenParentDies(() => void shutdown(1));

  try {
    db = await resolveAppDatabase({ log });
    if (db.pid) supervisor.watch(db.pid, "SIGINT"); // PostgreSQL's fast shutdown
    log("Applying migrations...");
    await prepareSchema(db);
    process.env.DATABASE_URL = db.url;
    process.env.APP_DATABASE_URL = db.appUrl;

    const wantDemo = process.env.DEMO === "1" || (db.embedded && process.env.DEMO !== "0" && (await isEmpty(db.url)));
    // One machine (or a demo): the demo routers' API simulators run here, on 127.0.0.1.
    if (db.embedded || wantDemo) process.env.ROUTER_API_ALLOW_LOCAL ??= "1";
    if (wantDemo) {
      log("Seeding the demo ISP...");
      const { seedDemo } = await import("../prisma/seed");
      await seedDemo((m) => log(m));
    }

    const radius = process.env.RADIUS !== "0" && freeradiusInstalled();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: db.url,
      APP_DATABASE_URL: db.appUrl,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? localSecrets().nextauthSecret,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
      APP_ENCRYPTION_KEY: process.env.APP_ENCRYPTION_KEY,
      // FreeRADIUS answers Status-Server here (loopback, its own secret) for /api/health.
      ...(radius ? { RADIUS_STATUS_PORT: process.env.RADIUS_STATUS_PORT ?? "18121", RADIUS_STATUS_SECRET: process.env.RADIUS_STATUS_SECRET ?? localSecrets().radiusStatusSecret } : {}),
      ISP_SUPERVISED: "1",
      // A larger young generation: the server allocates per request and short GCs were a visible
      // share of its CPU under load (docs/benchmarks.md). Callers' own NODE_OPTIONS come first.
      NODE_OPTIONS: [process.env.NODE_OPTIONS, "--max-semi-space-size=32"].filter(Boolean).join(" "),
    };
    if (!dev && buildIsStale()) {
      log("Building the app (sources changed since the last build)...");
      await runNextBuild(env, (pid) => supervisor.watch(pid, "SIGTERM"));
    }
    // The demo routers' simulators first, so the worker's first reconcile finds them up.
    if (process.env.ROUTEROS_SIM !== "0") supervisor.start(tsChild("routeros-sim", "scripts/routeros-sim.ts", ["--demo"], env));
    // The demo ISP's M-Pesa is a fake Daraja on this machine (docs/payments.md).
    if (process.env.PAYMENTS_FAKE !== "0") supervisor.start(tsChild("payments-fake", "scripts/payments-fake.ts", [], env));
    if (process.env.WORKER !== "0") supervisor.start(tsChild("worker", "scripts/worker.ts", [], env));
    // FreeRADIUS's own role (isp_radius) and password: only this child gets them.
    if (radius) supervisor.start(tsChild("radius", "scripts/radius.ts", [], { ...env, RADIUS_DATABASE_URL: radiusDatabaseUrl(db) }));
    else if (process.env.RADIUS !== "0") log("FreeRADIUS is not installed (apt-get install -y freeradius freeradius-postgresql freeradius-utils); skipping it.");
    supervisor.start({ name: "web", command: nextBin(), args: [dev ? "dev" : "start", "-p", String(port)], env });

    const url = env.NEXTAUTH_URL;
    log(`Ready on ${url}  (health: ${url}/api/health)`);
    log(`  Operators sign in at ${url}/login   (demo: admin@demo.isp / demo1234)`);
    log(`  Customers sign in at ${url}/portal/demo/login   (demo: cust0001 / demo1234)`);
    log(`  New ISPs sign up at ${url}/signup`);
    if (radius) log(`  RADIUS: radtest cust0001 demo1234 127.0.0.1 0 demo-radius-secret`);
  } catch (error) {
    console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
  }
}

void main();
