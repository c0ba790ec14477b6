// A real FreeRADIUS for a test (vitest or Playwright): generated config, free loopback ports,
// the test database (RADIUS_DATABASE_URL).
import dgram from "node:dgram";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startFreeradius, type RunningFreeradius } from "../server/run-freeradius";

export async function freeUdpPort(): Promise<number> {
  const socket = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", () => resolve()));
  const { port } = socket.address();
  socket.close();
  return port;
}

export type TestFreeradius = RunningFreeradius & { authPort: number; acctPort: number };

export async function startTestFreeradius(options: { debug?: boolean; logAccepts?: boolean } = {}): Promise<TestFreeradius> {
  const databaseUrl = process.env.RADIUS_DATABASE_URL;
  if (!databaseUrl) throw new Error("RADIUS_DATABASE_URL is not set (scripts/test/setup-env.ts sets it)");
  for (let attempt = 0; ; attempt++) {
    const authPort = await freeUdpPort();
    const acctPort = await freeUdpPort();
    try {
      const server = await startFreeradius({
        dir: mkdtempSync(path.join(os.tmpdir(), "isp-freeradius-")),
        databaseUrl,
        authPort,
        acctPort,
        clientNetwork: "127.0.0.0/8",
        clientLifetime: 1,
        threads: 4,
        pool: 4,
        logAccepts: options.logAccepts ?? true,
        debug: options.debug,
      });
      return { ...server, authPort, acctPort };
    } catch (error) {
      if (attempt >= 2 || !/Address already in use|bind/.test(String(error))) throw error;
    }
  }
}
