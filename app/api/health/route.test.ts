// /api/health: the database, the worker and FreeRADIUS reported separately; 503 when one is down;
// nothing in the body that names a host or carries an error text.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkHealth } from "@/lib/health/check-health";
import { WorkerHeartbeat } from "@/lib/jobs/worker-heartbeat";
import { startFreeradius } from "@/lib/radius/server/run-freeradius";
import { freeUdpPort } from "@/lib/radius/testing/freeradius-fixture";
import { GET } from "./route";

const saved = { port: process.env.RADIUS_STATUS_PORT, secret: process.env.RADIUS_STATUS_SECRET };
let heartbeat: WorkerHeartbeat;
beforeEach(async () => {
  heartbeat = new WorkerHeartbeat("local");
  await heartbeat.start();
});
afterEach(async () => {
  await heartbeat.stop();
  process.env.RADIUS_STATUS_PORT = saved.port;
  process.env.RADIUS_STATUS_SECRET = saved.secret;
  if (saved.port === undefined) delete process.env.RADIUS_STATUS_PORT;
  if (saved.secret === undefined) delete process.env.RADIUS_STATUS_SECRET;
});

async function get() {
  const res = await GET();
  return { status: res.status, cache: res.headers.get("cache-control"), text: await res.text() };
}

describe("GET /api/health", () => {
  it("200 with the database, a beating worker and no FreeRADIUS configured here", async () => {
    delete process.env.RADIUS_STATUS_PORT;
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.cache).toBe("no-store");
    const body = JSON.parse(res.text);
    expect(body).toMatchObject({ status: "ok", checks: { database: { ok: true }, worker: { ok: true }, radius: { ok: true, configured: false } } });
    expect(body.checks.database.latencyMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(body.checks.worker.lastHeartbeatAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("503 when no worker has beaten recently (the worker is down)", async () => {
    const report = await checkHealth({ now: () => new Date(Date.now() + 10 * 60_000) });
    expect(report.status).toBe("degraded");
    expect(report.checks.worker.ok).toBe(false);
    expect(report.checks.database.ok).toBe(true);
  });

  it("503 when the database does not answer, and the body names no host, URL or error", async () => {
    const report = await checkHealth({
      pingDatabase: () => Promise.reject(new Error("connect ECONNREFUSED db-internal.example:5432 password=hunter2")),
      lastBeat: () => Promise.reject(new Error("connect ECONNREFUSED db-internal.example:5432")),
    });
    expect(report.status).toBe("degraded");
    expect(report.checks.database).toEqual({ ok: false, latencyMs: null });
    expect(report.checks.worker.ok).toBe(false);
    expect(JSON.stringify(report)).not.toMatch(/db-internal|5432|hunter2|ECONNREFUSED/);
  });

  it("FreeRADIUS: ok when it answers Status-Server; 503 with a wrong secret or when it is down", async () => {
    const [authPort, acctPort, statusPort] = [await freeUdpPort(), await freeUdpPort(), await freeUdpPort()];
    const secret = "status-secret-\"quoted\"";
    const radius = await startFreeradius({
      dir: mkdtempSync(path.join(os.tmpdir(), "isp-freeradius-health-")),
      databaseUrl: process.env.RADIUS_DATABASE_URL!,
      authPort,
      acctPort,
      clientNetwork: "127.0.0.0/8",
      statusPort,
      statusSecret: secret,
    });
    try {
      process.env.RADIUS_STATUS_PORT = String(statusPort);
      process.env.RADIUS_STATUS_SECRET = secret;
      const up = await get();
      expect(up.status, up.text).toBe(200);
      expect(JSON.parse(up.text).checks.radius).toMatchObject({ ok: true, configured: true });
      expect(up.text).not.toContain(secret);
      expect(up.text).not.toContain(String(statusPort));

      process.env.RADIUS_STATUS_SECRET = "not-the-secret";
      const wrong = await get();
      expect(wrong.status).toBe(503);
      expect(JSON.parse(wrong.text).checks.radius).toEqual({ ok: false, configured: true, latencyMs: null });
    } finally {
      await radius.stop();
    }
    process.env.RADIUS_STATUS_SECRET = secret;
    const down = await get();
    expect(down.status).toBe(503);
    expect(JSON.parse(down.text)).toMatchObject({ status: "degraded", checks: { database: { ok: true }, worker: { ok: true }, radius: { ok: false } } });
  }, 30_000);
});

describe("the worker check", () => {
  it("a worker process on this machine that is gone does not count, however fresh its last beat", async () => {
    const { withSystem } = await import("@/lib/db");
    const { machineId } = await import("@/lib/jobs/worker-heartbeat");
    const { randomUUID } = await import("node:crypto");
    const { spawnSync } = await import("node:child_process");
    const deadPid = spawnSync("true").pid!; // a pid that just exited
    const id = randomUUID();
    await heartbeat.stop();
    await withSystem("test: a dead worker's fresh beat", (tx) =>
      tx.workerHeartbeat.create({ data: { id, kind: "local", machine: machineId(), pid: deadPid, beatAt: new Date(Date.now() + 60_000) } }),
    );
    try {
      const report = await checkHealth();
      // Counted, its beat (a minute ahead) would be the freshest.
      const beat = report.checks.worker.lastHeartbeatAt;
      expect(beat === null || Date.parse(beat) <= Date.now()).toBe(true);
    } finally {
      await withSystem("test: cleanup", (tx) => tx.workerHeartbeat.delete({ where: { id } }));
      heartbeat = new WorkerHeartbeat("local");
      await heartbeat.start();
    }
  });
});
