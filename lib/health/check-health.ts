// What /api/health reports: the database, the job worker (its heartbeat) and FreeRADIUS (a
// Status-Server answer), each on its own, so a monitor can tell which part is down. Nothing in
// the report names a host, a port, a URL or an error text: the endpoint is public.
import { prisma } from "@/lib/db";
import { lastWorkerBeat, STALE_AFTER_SECONDS } from "@/lib/jobs/worker-heartbeat";
import { sendRadius } from "@/lib/radius/radius-udp";

export type HealthReport = {
  status: "ok" | "degraded";
  checks: {
    database: { ok: boolean; latencyMs: number | null };
    worker: { ok: boolean; lastHeartbeatAt: string | null };
    radius: { ok: boolean; configured: boolean; latencyMs: number | null };
  };
};

export type HealthDeps = {
  now?: () => Date;
  pingDatabase?: () => Promise<unknown>;
  lastBeat?: () => Promise<Date | null>;
  env?: NodeJS.ProcessEnv;
};

/** A Status-Server (RFC 5997) signed with a Message-Authenticator; only a signed Access-Accept counts. */
async function radiusAnswers(port: number, secret: string): Promise<boolean> {
  const reply = await sendRadius("Status-Server", [], { host: "127.0.0.1", port, secret, timeoutMs: 1000, retries: 0, messageAuthenticator: true });
  return reply?.code === "Access-Accept";
}

async function timed<T>(probe: () => Promise<T>): Promise<{ value: T | null; ms: number | null }> {
  const t0 = performance.now();
  try {
    const value = await probe();
    return { value, ms: Math.round(performance.now() - t0) };
  } catch {
    return { value: null, ms: null };
  }
}

export async function checkHealth(deps: HealthDeps = {}): Promise<HealthReport> {
  const env = deps.env ?? process.env;
  const now = deps.now ?? (() => new Date());
  const statusPort = Number(env.RADIUS_STATUS_PORT ?? 0);
  const radiusConfigured = env.RADIUS !== "0" && statusPort > 0 && Boolean(env.RADIUS_STATUS_SECRET);
  const [database, beat, radius] = await Promise.all([
    timed(deps.pingDatabase ?? (() => prisma().$queryRaw`SELECT 1`)),
    timed(deps.lastBeat ?? lastWorkerBeat),
    radiusConfigured
      ? timed(() => radiusAnswers(statusPort, env.RADIUS_STATUS_SECRET!))
      : Promise.resolve(null),
  ]);
  const lastBeat = beat.value ?? null;
  const checks: HealthReport["checks"] = {
    database: { ok: database.ms !== null, latencyMs: database.ms },
    worker: { ok: lastBeat !== null && now().getTime() - lastBeat.getTime() < STALE_AFTER_SECONDS * 1000, lastHeartbeatAt: lastBeat?.toISOString() ?? null },
    radius: radius
      ? { ok: radius.value === true, configured: true, latencyMs: radius.value ? radius.ms : null }
      : // Not run here (RADIUS=0, or not installed): nothing to be down.
        { ok: true, configured: false, latencyMs: null },
  };
  const ok = checks.database.ok && checks.worker.ok && checks.radius.ok;
  return { status: ok ? "ok" : "degraded", checks };
}
