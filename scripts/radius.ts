// `npm run radius`: FreeRADIUS alone, against DATABASE_URL or the embedded database. Try it:
//   radtest cust0001 demo1234 127.0.0.1 0 demo-radius-secret
import { prepareSchema, resolveAppDatabase } from "./lib/resolve-database";
import { startProductRadius } from "./lib/radius-server";

const log = (m: string) => console.log(`[radius] ${m}`);

async function main() {
  const db = await resolveAppDatabase({ log });
  await prepareSchema(db);
  const server = await startProductRadius(db, log);
  if (!server) {
    await db.stop();
    process.exit(1);
  }
  const stop = async () => {
    await server.stop();
    await db.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  server.process.on("exit", (code) => {
    log(`FreeRADIUS exited (${code}).\n${server.output().slice(-2000)}`);
    void db.stop().then(() => process.exit(1));
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
