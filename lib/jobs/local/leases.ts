// Per-key leases for the local driver: at most one run holds a key at a time. A lease is renewed
// while its run works and simply expires if the worker dies.
import { withSystem } from "@/lib/db";

export async function acquireLease(key: string, runId: string, seconds: number): Promise<boolean> {
  const rows = await withSystem("job lease acquire", (tx) =>
    tx.$queryRaw<{ run_id: string }[]>`
      INSERT INTO job_leases (key, run_id, expires_at) VALUES (${key}, ${runId}::uuid, now() + make_interval(secs => ${seconds}::double precision))
      ON CONFLICT (key) DO UPDATE SET run_id = EXCLUDED.run_id, expires_at = EXCLUDED.expires_at
        WHERE job_leases.expires_at < now() OR job_leases.run_id = EXCLUDED.run_id
      RETURNING run_id`,
  );
  return rows.length === 1;
}

export async function renewLease(key: string, runId: string, seconds: number): Promise<void> {
  await withSystem("job lease renew", (tx) =>
    tx.$executeRaw`UPDATE job_leases SET expires_at = now() + make_interval(secs => ${seconds}::double precision) WHERE key = ${key} AND run_id = ${runId}::uuid`,
  );
}

export async function releaseLease(key: string, runId: string): Promise<void> {
  await withSystem("job lease release", (tx) => tx.$executeRaw`DELETE FROM job_leases WHERE key = ${key} AND run_id = ${runId}::uuid`);
}
