// A supervisor process for supervisor.test.ts: `node --import tsx scripts/lib/supervisor.fixture.ts`.
// It owns a "database" (a plain process it started itself, like the embedded PostgreSQL) and
// supervises three children that know nothing about it: a binary, a shell with a child of its own,
// and Node. It prints every pid as a JSON line, so the test can check them after killing it.
import { spawn } from "node:child_process";
import { Supervisor } from "./supervisor";

const say = (o: object) => process.stdout.write(JSON.stringify(o) + "\n");
const supervisor = new Supervisor({
  log: (m) => say({ log: m }),
  backoff: { initialMs: 100, maxMs: 400, stableMs: 60_000 },
  stopTimeoutMs: 2000,
  onStart: (name, pid) => say({ started: name, pid }),
});

const database = spawn("sleep", ["600"], { stdio: "ignore" });
supervisor.watch(database.pid!, "SIGINT");
say({ started: "database", pid: database.pid });

supervisor.start({ name: "binary", command: "sleep", args: ["600"] });
supervisor.start({ name: "family", command: "sh", args: ["-c", 'sleep 600 & echo "{\\"started\\":\\"grandchild\\",\\"pid\\":$!}"; wait'] });
supervisor.start({
  name: "node",
  command: process.execPath,
  args: ["-e", 'process.on("SIGTERM", () => { console.log(JSON.stringify({ log: "node child: SIGTERM" })); process.exit(0); }); console.log(JSON.stringify({ log: "node child: ready" })); setInterval(() => {}, 1000);'],
});

process.on("SIGTERM", async () => {
  await supervisor.stop();
  say({ log: "children stopped; stopping the database" });
  database.kill("SIGINT");
  supervisor.release();
  process.exit(0);
});
say({ ready: true, guard: supervisor.guardPid });
