// Database commands against the configured database (DATABASE_URL, or the embedded one).
//   migrate  create a new migration from schema changes (prisma migrate dev) and apply it
//   deploy   apply committed migrations
//   seed     load the demo ISP
//   reset    drop everything and re-apply migrations (asks for --yes)
import { spawnSync } from "node:child_process";
import { PRISMA_BIN } from "./lib/database";
import { prepareSchema, resolveAppDatabase } from "./lib/resolve-database";

const command = process.argv[2];
const rest = process.argv.slice(3);

async function main() {
  const db = await resolveAppDatabase({ log: (m) => console.log(m) });
  const env = { ...process.env, DATABASE_URL: db.url };
  try {
    switch (command) {
      case "deploy":
        await prepareSchema(db);
        console.log("Migrations applied.");
        break;
      case "migrate": {
        await prepareSchema(db);
        // --skip-generate: the CLI's own generate step would try to download a query engine.
        const r = spawnSync(PRISMA_BIN, ["migrate", "dev", "--skip-generate", ...rest], { stdio: "inherit", env });
        if (r.status !== 0) throw new Error("prisma migrate dev failed");
        const g = spawnSync(PRISMA_BIN, ["generate"], { stdio: "inherit", env });
        if (g.status !== 0) throw new Error("prisma generate failed");
        break;
      }
      case "seed": {
        await prepareSchema(db);
        process.env.DATABASE_URL = db.url;
        process.env.APP_DATABASE_URL = db.appUrl;
        const { seedDemo } = await import("../prisma/seed");
        await seedDemo();
        break;
      }
      case "reset": {
        if (!rest.includes("--yes")) throw new Error("This drops every table. Run `npm run db:reset -- --yes` to confirm.");
        const r = spawnSync(PRISMA_BIN, ["migrate", "reset", "--force", "--skip-generate", "--skip-seed"], { stdio: "inherit", env });
        if (r.status !== 0) throw new Error("prisma migrate reset failed");
        await prepareSchema(db);
        break;
      }
      default:
        throw new Error("Usage: tsx scripts/db.ts <migrate|deploy|seed|reset>");
    }
  } finally {
    const { disconnectPrisma } = await import("@/lib/db");
    await disconnectPrisma();
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
