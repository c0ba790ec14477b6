// `npm run radius`: FreeRADIUS alone, against DATABASE_URL or the embedded database. Try it:
//   radtest cust0001 demo1234 127.0.0.1 0 demo-radius-secret
// `npm start` runs it as a supervised child (ISP_SUPERVISED=1): it exits when FreeRADIUS does (to
// be restarted), with EX_CONFIG when FreeRADIUS cannot run here (not restarted).
import { prepareSchema, resolveAppDatabase } from "./lib/resolve-database";
import { startProductRadius } from "./lib/radius-server";
import { EX_CONFIG, exitWhenParentDies } from "./lib/supervisor";

const log = (m: string) => console.log(`[radius] ${m}`);
const supervised = process.env.ISP_SUPERVISED === "1";

async function main() {
  const db = await resolveAppDatabase({ log });
  if (!supervised) await prepareSchema(db);
  const server = await startProductRadius(db, log);
  if (!server) {
    await db.stop();
    process.exit(supervised ? EX_CONFIG : 1);
  }
  let stopping = false;
  const stop = async () => {
    stopping = true;
    await server.stop();
    await db.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  if (supervised) exitWhenParentDies(() => void stop());
  server.process.on("exit", (code) => {
    if (stopping) return;
    log(`FreeRADIUS exited (${code}).\n${server.output().slice(-2000)}`);
    void db.stop().then(() => process.exit(1));
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
