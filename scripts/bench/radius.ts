// Benchmark: FreeRADIUS on our config and tables vs a `files` baseline with the same users, and
// accounting Interim-Updates, on this machine. Usage: npm run bench:radius [-- --users 100000
// --routers 20 --seconds 10 --inflight 32]. Loopback only; every loop is bounded in time.
import dgram from "node:dgram";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import radius from "radius";
import { resolveTestDatabase, radiusDatabaseUrl } from "../lib/resolve-database";
import { perRequest, withCpu } from "./cpu";
import { generateSubscribers, type Population } from "./generate-subscribers";

const CPU_GROUPS = ["freeradius", "postgres"];

const { values } = parseArgs({
  options: { users: { type: "string", default: "100000" }, routers: { type: "string", default: "20" }, seconds: { type: "string", default: "10" }, inflight: { type: "string", default: "32" } },
});
const USERS = Number(values.users);
const ROUTERS = Number(values.routers);
const SECONDS = Number(values.seconds);
const INFLIGHT = Number(values.inflight);

type Stats = { ok: number; other: number; timeouts: number; latencies: number[] };

/** Sends `build()` packets from the routers' addresses with INFLIGHT in flight for SECONDS. */
async function load(port: number, pop: Population, build: (i: number, router: Population["routers"][number]) => { code: string; attributes: [string, unknown][] }, okCode: string): Promise<Stats & { rate: number }> {
  const sockets = await Promise.all(
    pop.routers.map(
      (r) =>
        new Promise<{ socket: dgram.Socket; router: Population["routers"][number]; pending: Map<number, (code: string | null) => void>; nextId: number }>((resolve) => {
          const socket = dgram.createSocket("udp4");
          const entry = { socket, router: r, pending: new Map<number, (code: string | null) => void>(), nextId: 0 };
          socket.on("message", (msg) => {
            const done = entry.pending.get(msg[1]!);
            if (!done) return;
            entry.pending.delete(msg[1]!);
            done(msg[0] === 2 ? "Access-Accept" : msg[0] === 5 ? "Accounting-Response" : "other");
          });
          socket.bind(0, r.nasIp, () => resolve(entry));
        }),
    ),
  );
  const stats: Stats = { ok: 0, other: 0, timeouts: 0, latencies: [] };
  const end = performance.now() + SECONDS * 1000;
  let seq = 0;
  await Promise.all(
    Array.from({ length: INFLIGHT }, async (_, worker) => {
      while (performance.now() < end) {
        const s = sockets[(seq + worker) % sockets.length]!;
        let id = s.nextId;
        while (s.pending.has(id)) id = (id + 1) % 256;
        s.nextId = (id + 1) % 256;
        const { code, attributes } = build(seq++, s.router);
        // Routers are required to sign Access-Requests with a Message-Authenticator (docs/radius.md).
        const packet = radius.encode({ code, secret: pop.secret, identifier: id, attributes, add_message_authenticator: code === "Access-Request" });
        const t0 = performance.now();
        const result = await new Promise<string | null>((resolve) => {
          const timer = setTimeout(() => {
            s.pending.delete(id);
            resolve(null);
          }, 2000);
          s.pending.set(id, (c) => {
            clearTimeout(timer);
            resolve(c);
          });
          s.socket.send(packet, port, "127.0.0.1");
        });
        if (result === okCode) {
          stats.ok++;
          stats.latencies.push(performance.now() - t0);
        } else if (result === null) stats.timeouts++;
        else stats.other++;
      }
    }),
  );
  for (const s of sockets) s.socket.close();
  stats.latencies.sort((a, b) => a - b);
  return { ...stats, rate: stats.ok / SECONDS };
}

const pct = (s: Stats, p: number) => (s.latencies.length ? s.latencies[Math.floor(s.latencies.length * p)]!.toFixed(1) : "-");
const userOf = (i: number, pop: Population) => `user${String(1 + ((i * 7919) % Math.floor(pop.users / pop.tenants.length))).padStart(6, "0")}`;

/** The `files` baseline: same users, same reply, static clients, no database. */
function filesBaseline(dir: string, pop: Population, port: number, acctPort: number) {
  const users = Array.from({ length: Math.floor(pop.users / pop.tenants.length) }, (_, i) => `user${String(i + 1).padStart(6, "0")}\tCleartext-Password := "${pop.password}"\n\tMikrotik-Rate-Limit := "2M/10M",\n\tAcct-Interim-Interval := 300\n`).join("");
  writeFileSync(path.join(dir, "users"), users, { mode: 0o640 });
  writeFileSync(path.join(dir, "clients.conf"), pop.routers.map((r, i) => `client r${i} {\n\tipaddr = ${r.nasIp}\n\tsecret = ${pop.secret}\n}\n`).join(""), { mode: 0o640 });
  writeFileSync(path.join(dir, "mods", "sql"), "", { mode: 0o640 });
  writeFileSync(path.join(dir, "mods", "files"), `files {\n\tfilename = \${confdir}/users\n}\n`, { mode: 0o640 });
  writeFileSync(path.join(dir, "sites", "dynamic-clients"), "", { mode: 0o640 });
  writeFileSync(
    path.join(dir, "sites", "default"),
    `server default {\n\tlisten {\n\t\ttype = auth\n\t\tipaddr = 127.0.0.1\n\t\tport = ${port}\n\t}\n\tlisten {\n\t\ttype = acct\n\t\tipaddr = 127.0.0.1\n\t\tport = ${acctPort}\n\t}\n\tauthorize {\n\t\tfiles\n\t\tpap\n\t}\n\tauthenticate {\n\t\tAuth-Type PAP {\n\t\t\tpap\n\t\t}\n\t}\n\taccounting {\n\t\tok\n\t}\n}\n`,
    { mode: 0o640 },
  );
}

async function freePort(): Promise<number> {
  const s = dgram.createSocket("udp4");
  await new Promise<void>((r) => s.bind(0, "127.0.0.1", () => r()));
  const { port } = s.address();
  s.close();
  return port;
}

async function main() {
  const db = await resolveTestDatabase("isp_bench_radius", { log: console.log });
  process.env.DATABASE_URL = db.url;
  process.env.APP_DATABASE_URL = db.appUrl;
  const { startFreeradius } = await import("@/lib/radius/server/run-freeradius");
  const { generateFreeradiusConfig } = await import("@/lib/radius/server/generate-config");
  radius.add_dictionary(path.resolve("lib/radius/dictionary.isp"));

  console.log(`Generating ${USERS} subscribers over ${ROUTERS} routers and 2 ISPs...`);
  let t0 = performance.now();
  const pop = await generateSubscribers(db.url, { users: USERS, routers: ROUTERS });
  console.log(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const auth = (i: number, r: Population["routers"][number]) => ({
    code: "Access-Request",
    attributes: [["User-Name", userOf(i, pop)], ["User-Password", pop.password], ["NAS-IP-Address", r.nasIp], ["Calling-Station-Id", "02:00:00:00:00:01"]] as [string, unknown][],
  });

  // Ours: FreeRADIUS + our queries on PostgreSQL.
  const [authPort, acctPort] = [await freePort(), await freePort()];
  const ours = await startFreeradius({ dir: mkdtempSync(path.join(os.tmpdir(), "bench-fr-")), databaseUrl: radiusDatabaseUrl(db), authPort, acctPort, clientNetwork: "127.0.0.0/8", clientLifetime: 3600, threads: Number(process.env.BENCH_THREADS ?? 4), pool: Number(process.env.BENCH_POOL ?? 4), logAccepts: false });
  await load(authPort, pop, auth, "Access-Accept"); // warm-up: dynamic clients, caches
  const { result: oursAuth, cpuMs: oursCpu } = await withCpu(CPU_GROUPS, () => load(authPort, pop, auth, "Access-Accept"));
  console.log(`\nAccess-Request, PAP, ${USERS} users, ${INFLIGHT} in flight, ${SECONDS} s:`);
  console.log(`  ours (1 function call per request)          ${oursAuth.rate.toFixed(0).padStart(6)} accepts/s  p50 ${pct(oursAuth, 0.5)} ms  p95 ${pct(oursAuth, 0.95)} ms  (rejects ${oursAuth.other}, timeouts ${oursAuth.timeouts})`);
  console.log(`    CPU per request: ${perRequest(oursCpu, oursAuth.ok + oursAuth.other)}`);

  // Accounting: open sessions, then flood interim updates.
  const session = (i: number) => `bench-${i % 20000}`;
  const start = (i: number, r: Population["routers"][number]) => ({
    code: "Accounting-Request",
    attributes: [["User-Name", userOf(i, pop)], ["Acct-Status-Type", "Start"], ["Acct-Session-Id", session(i)], ["NAS-IP-Address", r.nasIp], ["Framed-IP-Address", "10.0.0.1"]] as [string, unknown][],
  });
  const interim = (i: number, r: Population["routers"][number]) => ({
    code: "Accounting-Request",
    attributes: [
      ["User-Name", userOf(i, pop)], ["Acct-Status-Type", "Interim-Update"], ["Acct-Session-Id", session(i)], ["NAS-IP-Address", r.nasIp],
      ["Acct-Session-Time", 60 + (i % 1000)], ["Acct-Input-Octets", 1000 * i], ["Acct-Output-Octets", 5000 * i], ["Framed-IP-Address", "10.0.0.1"],
    ] as [string, unknown][],
  });
  const starts = await load(acctPort, pop, start, "Accounting-Response");
  const { result: interims, cpuMs: interimCpu } = await withCpu(CPU_GROUPS, () => load(acctPort, pop, interim, "Accounting-Response"));
  console.log(`\nAccounting:`);
  console.log(`  Start           ${starts.rate.toFixed(0).padStart(6)} /s  p95 ${pct(starts, 0.95)} ms`);
  console.log(`  Interim-Update  ${interims.rate.toFixed(0).padStart(6)} /s  p95 ${pct(interims, 0.95)} ms  (timeouts ${interims.timeouts})`);
  console.log(`    CPU per request: ${perRequest(interimCpu, interims.ok + interims.other)}`);
  await ours.stop();

  const { rollupUsage } = await import("@/lib/radius/rollup-usage");
  t0 = performance.now();
  for (const tenantId of pop.tenants) await rollupUsage(tenantId);
  console.log(`  usage rollup of all open sessions: ${(performance.now() - t0).toFixed(0)} ms`);

  // Baseline: the files module with the same users.
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-files-"));
  const [fAuth, fAcct] = [await freePort(), await freePort()];
  generateFreeradiusConfig({ dir, databaseUrl: radiusDatabaseUrl(db), authPort: fAuth, acctPort: fAcct, threads: Number(process.env.BENCH_THREADS ?? 4) });
  filesBaseline(dir, pop, fAuth, fAcct);
  const { spawn } = await import("node:child_process");
  const { RADIUSD } = await import("@/lib/radius/server/run-freeradius");
  const child = spawn(RADIUSD, ["-d", dir, "-n", "radiusd", "-f", "-l", "stdout"], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`files baseline did not start:\n${out}`)), 60_000);
    const on = (d: Buffer) => {
      out += d;
      if (out.includes("Ready to process requests")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", on);
    child.stderr.on("data", on);
  });
  await load(fAuth, pop, auth, "Access-Accept");
  const { result: files, cpuMs: filesCpu } = await withCpu(CPU_GROUPS, () => load(fAuth, pop, auth, "Access-Accept"));
  child.kill("SIGTERM");
  console.log(`  files baseline (same users, no database)   ${files.rate.toFixed(0).padStart(6)} accepts/s  p50 ${pct(files, 0.5)} ms  p95 ${pct(files, 0.95)} ms`);
  console.log(`    CPU per request: ${perRequest(filesCpu, files.ok + files.other)}`);
  console.log(`  ours / files = ${(oursAuth.rate / files.rate).toFixed(2)}`);

  const { disconnectPrisma } = await import("@/lib/db");
  await disconnectPrisma();
  await db.stop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
