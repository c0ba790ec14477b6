// Helpers for job tests: a local driver over the test database with fast retries and polling.
import { randomUUID } from "node:crypto";
import { withSystem } from "@/lib/db";
import { appDatabaseUrl, migratorDatabaseUrl } from "@/lib/db/urls";
import { ensureBossSchema } from "./local/boss-schema";
import type { AnyJobDefinition } from "./define-job";
import { LocalDriver, type LocalDriverOptions } from "./local/local-driver";

/** A pg-boss queue of the test's own, so parallel test files never take each other's jobs. */
export async function createTestQueue(): Promise<string> {
  const queue = `test-${randomUUID().slice(0, 8)}`;
  await ensureBossSchema(migratorDatabaseUrl(), [queue]);
  return queue;
}

export async function startTestDriver(definitions: readonly AnyJobDefinition[], options: Partial<LocalDriverOptions> & { work?: boolean } = {}) {
  const queue = options.queue ?? (await createTestQueue());
  const driver = new LocalDriver({
    queue,
    connectionString: appDatabaseUrl(),
    definitions,
    workers: 4,
    pollingIntervalSeconds: 0.5,
    retryDelaySeconds: 1,
    deferSeconds: 1,
    maintenanceIntervalSeconds: 1,
    ...options,
  });
  await driver.start({ work: options.work ?? true });
  return driver;
}

export function getRun(id: string) {
  return withSystem("test: read run", (tx) => tx.jobRun.findUnique({ where: { id }, include: { steps: { orderBy: { position: "asc" } } } }));
}

export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, intervalMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export async function waitForRunStatus(id: string, statuses: string[], timeoutMs = 20_000) {
  return waitFor(async () => {
    const run = await getRun(id);
    return run && statuses.includes(run.status) ? run : null;
  }, timeoutMs);
}
