// FreeRADIUS for `npm run radius` and `npm start`: the shipped config (deploy/freeradius) against
// the product's database, on RADIUS_AUTH_PORT / RADIUS_ACCT_PORT (1812 / 1813).
import dgram from "node:dgram";
import path from "node:path";
import type { Database } from "./database";
import { radiusDatabaseUrl } from "./resolve-database";
import { DATA_DIR } from "./secrets";
import { freeradiusInstalled, startFreeradius, type RunningFreeradius } from "@/lib/radius/server/run-freeradius";

async function udpPortFree(port: number, host: string): Promise<boolean> {
  const socket = dgram.createSocket("udp4");
  return new Promise((resolve) => {
    socket.once("error", () => resolve(false));
    socket.bind(port, host, () => socket.close(() => resolve(true)));
  });
}

export async function startProductRadius(db: Database, log: (m: string) => void): Promise<RunningFreeradius | null> {
  if (!freeradiusInstalled()) {
    log("FreeRADIUS is not installed (apt-get install -y freeradius freeradius-postgresql freeradius-utils); skipping it.");
    return null;
  }
  const host = process.env.RADIUS_LISTEN_ADDRESS ?? "127.0.0.1";
  const authPort = Number(process.env.RADIUS_AUTH_PORT ?? 1812);
  const acctPort = Number(process.env.RADIUS_ACCT_PORT ?? 1813);
  if (!(await udpPortFree(authPort, host)) || !(await udpPortFree(acctPort, host))) {
    log(`UDP ${authPort}/${acctPort} on ${host} is taken (Debian's own freeradius service? \`service freeradius stop\`); skipping FreeRADIUS.`);
    return null;
  }
  const server = await startFreeradius({
    dir: path.join(DATA_DIR, "freeradius"),
    databaseUrl: radiusDatabaseUrl(db),
    listenAddress: host,
    authPort,
    acctPort,
    clientNetwork: process.env.RADIUS_CLIENT_NETWORK ?? "0.0.0.0/0",
    // Measured on 2 cores (docs/benchmarks.md): 4 threads beat 8 and 16; the pool must be at
    // least the thread count, or requests fail for want of a connection.
    threads: Number(process.env.RADIUS_THREADS ?? 4),
    pool: Math.max(Number(process.env.RADIUS_DB_POOL ?? 4), Number(process.env.RADIUS_THREADS ?? 4)),
    logAccepts: process.env.RADIUS_LOG_ACCEPTS !== "0",
    statusPort: Number(process.env.RADIUS_STATUS_PORT ?? 0) || undefined,
    statusSecret: process.env.RADIUS_STATUS_SECRET,
  });
  log(`FreeRADIUS serving ${host}:${authPort} (auth) and ${acctPort} (accounting).`);
  return server;
}
