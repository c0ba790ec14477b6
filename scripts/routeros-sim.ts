// `npm run routeros:sim -- [--count N] [--port 8728] [--host 127.0.0.1] [--user admin --password x]
//   [--version 7.19.4] [--legacy-login] [--empty] [--traffic] [--sessions N] [--board CHR]`
// Starts N simulated RouterOS API servers on consecutive ports (identities Sim-Router-1..N).
// `--demo`: instead, the demo ISP's routers from the database (how `npm start` runs it, supervised).
import { parseArgs } from "node:util";
import { startRouterSim, type RouterSim } from "@/lib/routeros/sim";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "1" },
    port: { type: "string", default: "8728" },
    host: { type: "string", default: "127.0.0.1" },
    user: { type: "string", default: "admin" },
    password: { type: "string", default: "" },
    version: { type: "string", default: "7.19.4" },
    board: { type: "string", default: "CHR" },
    "legacy-login": { type: "boolean", default: false },
    empty: { type: "boolean" },
    traffic: { type: "boolean", default: false },
    sessions: { type: "string", default: "0" },
    demo: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

function positiveInt(name: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} must be an integer >= ${min}, got "${text}"`);
    process.exit(2);
  }
  return n;
}

async function main() {
  if (values.help) {
    console.log("usage: npm run routeros:sim -- [--count N] [--port 8728] [--host 127.0.0.1] [--user admin --password x] [--version 7.19.4] [--legacy-login] [--empty] [--traffic] [--sessions N] [--board CHR]");
    return;
  }
  if (values.demo) return startDemo();
  const count = positiveInt("count", values.count, 1);
  const basePort = positiveInt("port", values.port, 0);
  const sessions = positiveInt("sessions", values.sessions, 0);
  const sims: RouterSim[] = [];
  const stop = async () => {
    await Promise.all(sims.map((s) => s.close()));
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  for (let i = 1; i <= count; i++) {
    const sim = await startRouterSim({
      host: values.host,
      port: basePort === 0 ? 0 : basePort + i - 1,
      identity: `Sim-Router-${i}`,
      version: values.version,
      board: values.board,
      legacyLogin: values["legacy-login"] || undefined,
      emptyReplies: values.empty,
      traffic: values.traffic,
      users: [{ name: values.user, password: values.password }],
    });
    sims.push(sim);
    for (let s = 1; s <= sessions; s++) {
      const name = `demo${String(s).padStart(4, "0")}`;
      sim.menu("/ppp/secret").add({ name, password: name, service: "pppoe" });
      sim.sessions.pppConnect({ name, address: `10.${100 + i}.${s >> 8}.${s & 255}` });
    }
    console.log(`Sim-Router-${i}  ${sim.host}:${sim.port}  user=${values.user}  RouterOS ${values.version}${values["legacy-login"] ? " (legacy login)" : ""}`);
  }
  console.log(`${count} simulated router(s) running; Ctrl+C to stop.`);
}

async function startDemo() {
  const { startDemoRouters } = await import("./lib/demo-routers");
  const { EX_CONFIG, exitWhenParentDies } = await import("./lib/supervisor");
  const log = (m: string) => console.log(`[routeros] ${m}`);
  const sims = await startDemoRouters(log);
  if (sims.length === 0) {
    log("no demo router to simulate");
    process.exit(EX_CONFIG);
  }
  const stop = async () => {
    await Promise.all(sims.map((s) => s.close().catch(() => {})));
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  if (process.env.ISP_SUPERVISED === "1") exitWhenParentDies(() => void stop());
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
