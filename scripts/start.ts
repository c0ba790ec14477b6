// `npm start`: the whole product on one machine. Starts (or uses) PostgreSQL, applies migrations,
// seeds the demo ISP when appropriate, builds when sources changed, and runs Next.js.
import { spawn, type ChildProcess } from "node:child_process";
import { buildIsStale, nextBin, runNextBuild } from "./lib/build";
import { isEmpty } from "./lib/database";
import { prepareSchema, resolveAppDatabase } from "./lib/resolve-database";
import { localSecrets } from "./lib/secrets";
import { startProductJobs } from "./lib/job-runtime";
import { startProductRadius } from "./lib/radius-server";
import type { RunningFreeradius } from "@/lib/radius/server/run-freeradius";
import type { RouterSim } from "@/lib/routeros/sim";
import { startDemoRouters } from "./lib/demo-routers";
import type { JobRuntime } from "@/lib/jobs/runtime";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const log = (m: string) => console.log(`[start] ${m}`);

async function main() {
  const db = await resolveAppDatabase({ log });
  let child: ChildProcess | undefined;
  let jobs: JobRuntime | undefined;
  let radius: RunningFreeradius | null = null;
  let sims: RouterSim[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    child?.kill("SIGTERM");
    await jobs?.stop().catch(() => {});
    await radius?.stop().catch(() => {});
    await Promise.all(sims.map((s) => s.close().catch(() => {})));
    await db.stop().catch(() => {});
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
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

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: db.url,
      APP_DATABASE_URL: db.appUrl,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? localSecrets().nextauthSecret,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
      APP_ENCRYPTION_KEY: process.env.APP_ENCRYPTION_KEY,
      // A larger young generation: the server allocates per request and short GCs were a visible
      // share of its CPU under load (docs/benchmarks.md). Callers' own NODE_OPTIONS come first.
      NODE_OPTIONS: [process.env.NODE_OPTIONS, "--max-semi-space-size=32"].filter(Boolean).join(" "),
    };
    if (!dev && buildIsStale()) {
      log("Building the app (sources changed since the last build)...");
      await runNextBuild(env);
    }
    // The demo routers' simulators first, so the worker's first reconcile finds them up.
    if (process.env.ROUTEROS_SIM !== "0") {
      sims = await startDemoRouters((m) => log(`routeros: ${m}`)).catch((e: unknown) => {
        log(`routeros: demo simulators did not start: ${e instanceof Error ? e.message : String(e)}`);
        return [];
      });
    }
    if (process.env.WORKER !== "0") jobs = await startProductJobs(db.appUrl, (m) => log(`jobs: ${m}`));
    if (process.env.RADIUS !== "0") radius = await startProductRadius(db, (m) => log(`radius: ${m}`)).catch((e) => {
      log(`radius: FreeRADIUS did not start: ${e instanceof Error ? e.message.slice(0, 500) : e}`);
      return null;
    });
    child = spawn(nextBin(), [dev ? "dev" : "start", "-p", String(port)], { stdio: "inherit", env });
    child.on("exit", (code) => void shutdown(code ?? 0));
    const url = env.NEXTAUTH_URL;
    log(`Ready on ${url}`);
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
