import { spawn } from "node:child_process";
import { afterEach, expect, it } from "vitest";
import { withSystem } from "@/lib/db";
import { uniq } from "@/lib/testing/factories";
import { createTestQueue, startTestDriver, waitFor, waitForRunStatus } from "../testing";
import { crashJob } from "./crash.fixture";
import type { LocalDriver } from "./local-driver";
import type { AnyJobDefinition } from "../define-job";

const drivers: LocalDriver[] = [];
afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.stop()));
});

it("a worker killed mid-run: another worker picks the run up and finishes it from the step it was in", async () => {
  const queue = await createTestQueue();
  const jobId = `test.crash.${uniq()}`;
  const enqueuer = await startTestDriver([crashJob(jobId, { hang: false })], { queue, work: false });
  drivers.push(enqueuer);
  const { runId } = await withSystem("test: enqueue", (tx) =>
    enqueuer.enqueue(tx, { definition: crashJob(jobId, { hang: false }), payload: {}, trigger: "manual", idempotencyKey: uniq() }),
  );

  // Node itself with tsx's loader, not the tsx CLI: SIGKILL must hit the worker process, which the
  // CLI runs as a child of its own (killing the CLI left that worker running, orphaned).
  const child = spawn(process.execPath, ["--import", "tsx", "lib/jobs/local/crash.fixture.ts", queue, jobId], { env: process.env, stdio: ["ignore", "pipe", "pipe"] });
  let childLog = "";
  child.stdout.on("data", (d) => (childLog += d));
  child.stderr.on("data", (d) => (childLog += d));
  try {
    await waitFor(
      () => withSystem("test: step", (tx) => tx.jobStep.findFirst({ where: { runId, stepId: "slow", status: "RUNNING" } })),
      30_000,
    ).catch((e) => {
      throw new Error(`${e.message}\nchild output:\n${childLog}`);
    });
  } finally {
    child.kill("SIGKILL");
  }
  await new Promise((r) => child.once("exit", r));

  drivers.push(await startTestDriver([crashJob(jobId, { hang: false })], { queue, workers: 1, maintenanceIntervalSeconds: 1 }));
  const run = await waitForRunStatus(runId, ["COMPLETED", "FAILED"], 45_000);
  expect(run.status).toBe("COMPLETED");
  expect(run.attempts).toBe(2);
  expect(run.steps.map((s) => [s.stepId, s.attempts])).toEqual([
    ["prepare", 1],
    ["slow", 2],
  ]);
}, 90_000);

it("a run whose worker died on its last attempt is closed as FAILED by the sweeper, not left running", async () => {
  const { createRun } = await import("../runs/create-run");
  const { sweepOrphanedRuns } = await import("./sweep-orphaned-runs");
  const jobId = `test.orphan.${uniq()}`;
  const { id } = await withSystem("test: orphan", async (tx) => {
    const run = await createRun(tx, { definition: crashJob(jobId, { hang: false }), payload: {}, trigger: "manual", idempotencyKey: uniq() });
    await tx.jobRun.update({ where: { id: run.id }, data: { status: "RUNNING", attempts: 3 } });
    return run;
  });
  await sweepOrphanedRuns({ olderThanSeconds: 0 });
  const run = await withSystem("test: read", (tx) => tx.jobRun.findUniqueOrThrow({ where: { id } }));
  expect(run.status).toBe("FAILED");
  expect(run.lastError).toContain("worker stopped");
});

/** The poison fixture's worker process under a real Supervisor, with jobs to enqueue. */
async function supervisedPoisonWorker() {
  const { Supervisor } = await import("@/scripts/lib/supervisor");
  const { okJob, poisonJob, slowJob } = await import("./poison.fixture");
  const queue = await createTestQueue();
  const jobs = { poison: poisonJob(`test.poison.${uniq()}`), ok: okJob(`test.ok.${uniq()}`), slow: slowJob(`test.slow.${uniq()}`) };
  const enqueuer = await startTestDriver(Object.values(jobs), { queue, work: false });
  drivers.push(enqueuer);
  const enqueue = (definition: AnyJobDefinition) =>
    withSystem("test: enqueue", (tx) => enqueuer.enqueue(tx, { definition, payload: {}, trigger: "manual", idempotencyKey: uniq() }));
  const log: string[] = [];
  const pids: number[] = [];
  const supervisor = new Supervisor({ log: (m) => log.push(m), backoff: { initialMs: 200, maxMs: 1000, stableMs: 60_000 }, onStart: (_n, pid) => pids.push(pid) });
  const start = () =>
    supervisor.start({
      name: "worker",
      command: process.execPath,
      args: ["--import", "tsx", "lib/jobs/local/poison.fixture.ts", queue, jobs.poison.id, jobs.ok.id, jobs.slow.id],
      env: process.env,
      stdio: "ignore",
    });
  const waitFinal = (runId: string, timeoutMs = 90_000) =>
    waitForRunStatus(runId, ["COMPLETED", "FAILED"], timeoutMs).catch((e) => {
      throw new Error(`${e.message}\nsupervisor log:\n${log.join("\n")}`);
    });
  const stop = async () => {
    await supervisor.stop();
    supervisor.release();
  };
  return { jobs, enqueue, supervisor, start, stop, log, pids, waitFinal };
}

it("poison run: a job that kills its worker process fails after its attempts with that error; the supervised worker is restarted each time and then runs other jobs", async () => {
  const w = await supervisedPoisonWorker();
  const { runId } = await w.enqueue(w.jobs.poison);
  w.start();
  try {
    const run = await w.waitFinal(runId);
    expect(run.status).toBe("FAILED");
    expect(run.lastError).toBe("the worker process died while running this job (3 times): Error: read ECONNRESET (TLS against a plain port)");
    expect([run.attempts, run.crashes]).toEqual([3, 3]);
    expect(w.log.filter((l) => l.startsWith("worker exited (code 70)"))).toHaveLength(3);

    // Never taken again: the restarted worker lives on and runs the next job.
    const next = await w.enqueue(w.jobs.ok);
    expect((await w.waitFinal(next.runId, 30_000)).status).toBe("COMPLETED");
    await new Promise((r) => setTimeout(r, 1500));
    expect(w.supervisor.restarts("worker")).toBe(3);
    expect(w.supervisor.pid("worker")).toBe(w.pids.at(-1));
    const again = await withSystem("test: read", (tx) => tx.jobRun.findUniqueOrThrow({ where: { id: runId } }));
    expect([again.status, again.attempts]).toEqual(["FAILED", 3]);
  } finally {
    await w.stop();
  }
}, 150_000);

it("an innocent run that shared the process with a poison run is retried alone and completes, even with no retries of its own", async () => {
  const w = await supervisedPoisonWorker();
  const innocent = await w.enqueue(w.jobs.slow); // retries: 0
  w.start();
  try {
    await waitFor(() => withSystem("test: innocent running", (tx) => tx.jobRun.findFirst({ where: { id: innocent.runId, status: "RUNNING" } })), 60_000);
    const poison = await w.enqueue(w.jobs.poison);
    const [i, p] = [await w.waitFinal(innocent.runId), await w.waitFinal(poison.runId)];
    expect([i.status, i.attempts, i.crashes]).toEqual(["COMPLETED", 2, 1]);
    expect(p.status).toBe("FAILED");
    // Its first death was shared, so it could not be blamed on it alone: one attempt more.
    expect(p.lastError).toMatch(/^the worker process died while running this job \(\d times\)/);
  } finally {
    await w.stop();
  }
}, 150_000);
