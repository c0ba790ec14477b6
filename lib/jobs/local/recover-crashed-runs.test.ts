// Recovery of a dead worker's runs, from database rows alone (the process-level story is in
// crash-recovery.test.ts): who is blamed, what is retried, what is closed.
import { randomUUID } from "node:crypto";
import { afterEach, expect, it } from "vitest";
import { withSystem } from "@/lib/db";
import { uniq } from "@/lib/testing/factories";
import { createTestQueue, startTestDriver } from "../testing";
import { BOSS_SCHEMA } from "./boss-schema";
import { crashJob } from "./crash.fixture";
import type { LocalDriver } from "./local-driver";
import { recoverCrashedRuns } from "./recover-crashed-runs";

const drivers: LocalDriver[] = [];
afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.stop()));
});

/** Runs left RUNNING by a worker that stopped beating a minute ago (another machine, say). */
async function deadWorkerWith(runs: { attempts: number; status?: "RUNNING" | "QUEUED" }[]) {
  const queue = await createTestQueue();
  const def = crashJob(`test.recover.${uniq()}`, { hang: false }); // retries: 2, so 3 attempts
  const driver = await startTestDriver([def], { queue, work: false });
  drivers.push(driver);
  const workerId = randomUUID();
  await withSystem("test: a dead worker", (tx) =>
    tx.workerHeartbeat.create({ data: { id: workerId, kind: "local", machine: "elsewhere", pid: 1, beatAt: new Date(Date.now() - 60_000) } }),
  );
  const ids: string[] = [];
  for (const r of runs) {
    const { runId } = await withSystem("test: enqueue", (tx) => driver.enqueue(tx, { definition: def, payload: {}, trigger: "manual", idempotencyKey: uniq() }));
    await withSystem("test: it was running", async (tx) => {
      await tx.jobRun.update({ where: { id: runId }, data: { status: r.status ?? "RUNNING", attempts: r.attempts, workerId } });
      await tx.$executeRawUnsafe(`UPDATE ${BOSS_SCHEMA}.job SET state = 'active', started_on = now() WHERE id = $1::uuid`, runId);
      await tx.jobLease.create({ data: { key: `k-${runId}`, runId, expiresAt: new Date(Date.now() + 900_000) } });
    });
    ids.push(runId);
  }
  const read = (id: string) =>
    withSystem("test: read", async (tx) => ({
      run: await tx.jobRun.findUniqueOrThrow({ where: { id } }),
      leases: await tx.jobLease.count({ where: { runId: id } }),
      queue: await tx.$queryRawUnsafe<{ state: string; suspect: boolean | null }[]>(
        `SELECT state::text, (data->>'suspect')::boolean AS suspect FROM ${BOSS_SCHEMA}.job WHERE data->>'runId' = $1 ORDER BY created_on`,
        id,
      ),
    }));
  return { workerId, ids, read };
}

it("alone and out of attempts: FAILED with the crash count, its queue entry closed and its lease freed", async () => {
  const w = await deadWorkerWith([{ attempts: 3 }]);
  await recoverCrashedRuns(null);
  const { run, leases, queue } = await w.read(w.ids[0]!);
  expect([run.status, run.crashes, run.workerId, run.lastError]).toEqual(["FAILED", 1, null, "the worker process died while running this job (1 time)"]);
  expect(run.finishedAt).not.toBeNull();
  expect(leases).toBe(0);
  expect(queue.map((q) => q.state)).toEqual(["completed"]);
  expect(await withSystem("test: gone", (tx) => tx.workerHeartbeat.count({ where: { id: w.workerId } }))).toBe(0);
});

it("alone with attempts left: retried as a suspect (a fresh queue entry), the death counted", async () => {
  const w = await deadWorkerWith([{ attempts: 1 }]);
  await recoverCrashedRuns(null);
  const { run, leases, queue } = await w.read(w.ids[0]!);
  expect([run.status, run.crashes, run.attempts]).toEqual(["RETRYING", 1, 1]);
  expect(leases).toBe(0);
  expect(queue).toEqual([
    { state: "completed", suspect: null },
    { state: "created", suspect: true },
  ]);
});

it("out of attempts but not alone: not blamed, one more attempt as a suspect", async () => {
  const w = await deadWorkerWith([{ attempts: 3 }, { attempts: 1 }]);
  await recoverCrashedRuns(null);
  const [a, b] = [await w.read(w.ids[0]!), await w.read(w.ids[1]!)];
  expect([a.run.status, a.run.crashes]).toEqual(["RETRYING", 1]);
  expect([b.run.status, b.run.crashes]).toEqual(["RETRYING", 1]);
  expect(a.queue.at(-1)).toEqual({ state: "created", suspect: true });
});

it("taken but not started when the worker died: queued again at once, no death counted, and the running one is still alone", async () => {
  const w = await deadWorkerWith([{ attempts: 3 }, { attempts: 0, status: "QUEUED" }]);
  await recoverCrashedRuns(null);
  const [running, taken] = [await w.read(w.ids[0]!), await w.read(w.ids[1]!)];
  expect([taken.run.status, taken.run.crashes, taken.run.workerId]).toEqual(["QUEUED", 0, null]);
  expect(taken.queue).toEqual([
    { state: "completed", suspect: null },
    { state: "created", suspect: null },
  ]);
  expect([running.run.status, running.run.crashes]).toEqual(["FAILED", 1]);
});

it("a live worker's runs are left alone", async () => {
  const w = await deadWorkerWith([{ attempts: 1 }]);
  await withSystem("test: it beats again", (tx) => tx.workerHeartbeat.update({ where: { id: w.workerId }, data: { beatAt: new Date() } }));
  await recoverCrashedRuns(null);
  const { run } = await w.read(w.ids[0]!);
  expect([run.status, run.crashes]).toEqual(["RUNNING", 0]);
  await withSystem("test: cleanup", async (tx) => {
    await tx.jobRun.update({ where: { id: w.ids[0]! }, data: { status: "CANCELLED", workerId: null } });
    await tx.workerHeartbeat.delete({ where: { id: w.workerId } });
  });
});
