// `npm run test:e2e`: a fresh database with the demo ISP, a current production build, then
// Playwright in Debian's Chromium against `next start`. Extra arguments go to Playwright.
import { spawn } from "node:child_process";
import { buildIsStale, runNextBuild } from "./lib/build";
import { radiusDatabaseUrl, resolveTestDatabase } from "./lib/resolve-database";
import { startProductJobs } from "./lib/job-runtime";
import { startDemoRouters } from "./lib/demo-routers";

async function main(): Promise<number> {
  const db = await resolveTestDatabase(process.env.E2E_DATABASE_NAME ?? "isp_e2e", { log: (m) => console.log(`[e2e] ${m}`) });
  try {
    process.env.DATABASE_URL = db.url;
    process.env.APP_DATABASE_URL = db.appUrl;
    process.env.ROUTER_API_ALLOW_LOCAL ??= "1"; // the demo routers' simulators are on 127.0.0.1
    const { seedDemo } = await import("../prisma/seed");
    await seedDemo((m) => console.log(`[e2e] ${m}`));
    if (buildIsStale()) {
      console.log("[e2e] Building the app...");
      await runNextBuild();
    }
    // The app under test gets a worker too, as `npm start` would run it.
    // The demo routers' RouterOS simulators, as `npm start` runs them.
    const sims = await startDemoRouters((m) => console.log(`[e2e] routeros: ${m}`));
    const jobs = await startProductJobs(db.appUrl, (m) => console.log(`[e2e] jobs: ${m}`));
    const code = await new Promise<number>((resolve) => {
      const child = spawn("node_modules/.bin/playwright", ["test", ...process.argv.slice(2)], {
        stdio: "inherit",
        // RADIUS_DATABASE_URL: specs that start their own FreeRADIUS (lib/radius/testing/test-freeradius.ts).
        env: { ...process.env, DATABASE_URL: db.url, APP_DATABASE_URL: db.appUrl, RADIUS_DATABASE_URL: radiusDatabaseUrl(db) },
      });
      child.on("exit", (exitCode) => resolve(exitCode ?? 1));
    });
    await jobs.stop();
    await Promise.all(sims.map((s) => s.close()));
    const { disconnectPrisma } = await import("@/lib/db");
    await disconnectPrisma();
    return code;
  } finally {
    await db.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
