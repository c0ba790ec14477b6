import { spawn } from "node:child_process";
import { afterEach, expect, it } from "vitest";
import { withSystem } from "@/lib/db";
import { uniq } from "@/lib/testing/factories";
import { createTestQueue, startTestDriver, waitFor, waitForRunStatus } from "../testing";
import { crashJob } from "./crash.fixture";
import type { LocalDriver } from "./local-driver";

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
