// The local driver against the real test database: retries resume at the failed step, duplicate
// events make one run, and per-key concurrency holds under parallel triggers.
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { withSystem } from "@/lib/db";
import { defineJob, type AnyJobDefinition } from "../define-job";
import type { LocalDriver } from "./local-driver";
import { getRun, startTestDriver, waitFor, waitForRunStatus } from "../testing";
import { uniq } from "@/lib/testing/factories";

const drivers: LocalDriver[] = [];
afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.stop()));
});

async function driverFor(defs: AnyJobDefinition[], options: Parameters<typeof startTestDriver>[1] = {}) {
  const d = await startTestDriver(defs, options);
  drivers.push(d);
  return d;
}

function enqueue(driver: LocalDriver, definition: AnyJobDefinition, payload: unknown, key = uniq("k")) {
  return withSystem("test: enqueue", (tx) => driver.enqueue(tx, { definition, payload, trigger: "manual", idempotencyKey: key }));
}

describe("local driver", () => {
  it("retries a thrown step and resumes there: finished steps are not done again", async () => {
    const calls = { first: 0, flaky: 0, last: 0 };
    const job = defineJob({
      id: `test.retry.${uniq()}`,
      name: "retry test",
      scope: "platform",
      payload: z.object({ n: z.number() }),
      events: ["test/never"],
      retries: 2,
      handler: async ({ payload, step }) => {
        const a = await step.run("first", async () => ({ value: payload.n + (++calls.first) }));
        await step.run("flaky", async () => {
          if (++calls.flaky === 1) throw new Error("router timed out");
          return "ok";
        });
        await step.run("last", async () => ++calls.last);
        return { a };
      },
    });
    const driver = await driverFor([job as unknown as AnyJobDefinition]);
    const { runId } = await enqueue(driver, job as unknown as AnyJobDefinition, { n: 10 });
    const run = await waitForRunStatus(runId, ["COMPLETED", "FAILED"]);
    expect(run.status).toBe("COMPLETED");
    expect(run.attempts).toBe(2);
    expect(calls).toEqual({ first: 1, flaky: 2, last: 1 });
    expect(run.output).toEqual({ a: { value: 11 } });
    expect(run.steps.map((s) => [s.stepId, s.status, s.attempts])).toEqual([
      ["first", "COMPLETED", 1],
      ["flaky", "COMPLETED", 2],
      ["last", "COMPLETED", 1],
    ]);
  });

  it("gives up after its retries and keeps the last error", async () => {
    const job = defineJob({
      id: `test.fail.${uniq()}`,
      name: "always fails",
      scope: "platform",
      payload: z.object({}),
      events: ["test/never"],
      retries: 1,
      handler: async ({ step }) => {
        await step.run("boom", async () => {
          throw new Error("no route to host");
        });
      },
    });
    const driver = await driverFor([job as unknown as AnyJobDefinition]);
    const { runId } = await enqueue(driver, job as unknown as AnyJobDefinition, {});
    const run = await waitForRunStatus(runId, ["FAILED"]);
    expect(run.attempts).toBe(2);
    expect(run.lastError).toContain("no route to host");
    expect(run.finishedAt).not.toBeNull();
  });

  it("an error another attempt cannot cure (retriable: false) fails the run at once, its retries unspent", async () => {
    let calls = 0;
    const job = defineJob({
      id: `test.refused.${uniq()}`,
      name: "refused",
      scope: "platform",
      payload: z.object({}),
      events: ["test/never"],
      retries: 5,
      handler: async ({ step }) => {
        await step.run("write", async () => {
          calls++;
          throw Object.assign(new Error("input does not match any value of interface"), { retriable: false });
        });
      },
    });
    const driver = await driverFor([job as unknown as AnyJobDefinition]);
    const { runId } = await enqueue(driver, job as unknown as AnyJobDefinition, {});
    const run = await waitForRunStatus(runId, ["FAILED"]);
    expect([run.attempts, calls]).toEqual([1, 1]);
    expect(run.lastError).toContain("input does not match");
    expect(run.steps.map((s) => [s.stepId, s.status])).toEqual([["write", "FAILED"]]);
  });

  it("a duplicate event (same id delivered twice) creates one run; a bad payload becomes a visible failed run", async () => {
    const name = `test/dup.${uniq()}`;
    let executions = 0;
    const job = defineJob({
      id: `test.dup.${uniq()}`,
      name: "dedupe",
      scope: "platform",
      payload: z.object({ routerId: z.string() }),
      events: [name],
      retries: 0,
      handler: async () => {
        executions++;
      },
    });
    const driver = await driverFor([job as unknown as AnyJobDefinition]);
    const event = { id: crypto.randomUUID(), name, data: { routerId: "r1" } };
    const created = await withSystem("test: deliver", async (tx) => [await driver.deliver(tx, [event]), await driver.deliver(tx, [event])]);
    expect(created).toEqual([1, 0]);
    const runs = await withSystem("test: runs", (tx) => tx.jobRun.findMany({ where: { jobId: job.id } }));
    expect(runs).toHaveLength(1);
    await waitForRunStatus(runs[0]!.id, ["COMPLETED"]);
    expect(executions).toBe(1);

    await withSystem("test: deliver bad", (tx) => driver.deliver(tx, [{ id: crypto.randomUUID(), name, data: { routerId: 42 } }]));
    const bad = await withSystem("test: bad run", (tx) => tx.jobRun.findFirst({ where: { jobId: job.id, status: "FAILED" } }));
    expect(bad?.lastError).toMatch(/invalid payload: routerId/);
  });

  it("never runs two runs of one key at once, while other keys proceed in parallel", async () => {
    const intervals: { key: string; start: number; end: number }[] = [];
    const job = defineJob({
      id: `test.key.${uniq()}`,
      name: "router sync",
      scope: "platform",
      payload: z.object({ routerId: z.string(), i: z.number() }),
      events: ["test/never"],
      retries: 0,
      concurrencyKey: "routerId",
      handler: async ({ payload }) => {
        const start = Date.now();
        await new Promise((r) => setTimeout(r, 250));
        intervals.push({ key: payload.routerId, start, end: Date.now() });
      },
    });
    const driver = await driverFor([job as unknown as AnyJobDefinition], { workers: 6 });
    const ids = await Promise.all([
      ...Array.from({ length: 5 }, (_, i) => enqueue(driver, job as unknown as AnyJobDefinition, { routerId: "A", i })),
      ...Array.from({ length: 3 }, (_, i) => enqueue(driver, job as unknown as AnyJobDefinition, { routerId: "B", i })),
    ]);
    await Promise.all(ids.map(({ runId }) => waitForRunStatus(runId, ["COMPLETED"], 40_000)));
    for (const key of ["A", "B"]) {
      const mine = intervals.filter((x) => x.key === key).sort((a, b) => a.start - b.start);
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.start).toBeGreaterThanOrEqual(mine[i - 1]!.end);
    }
    const overlapAcrossKeys = intervals.some((a) => a.key === "A" && intervals.some((b) => b.key === "B" && b.start < a.end && a.start < b.end));
    expect(overlapAcrossKeys).toBe(true);
  }, 60_000);

  it("two workers (separate drivers, as two processes would be) never run one job twice", async () => {
    const executions = new Map<number, number>();
    const job = defineJob({
      id: `test.twice.${uniq()}`,
      name: "count executions",
      scope: "platform",
      payload: z.object({ i: z.number() }),
      events: ["test/never"],
      retries: 0,
      handler: async ({ payload }) => {
        executions.set(payload.i, (executions.get(payload.i) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 5));
      },
    });
    const def = job as unknown as AnyJobDefinition;
    const first = await driverFor([def], { workers: 4 });
    await driverFor([def], { workers: 4, queue: first.queueName });
    const runs = await withSystem("test: enqueue many", (tx) =>
      first.enqueueMany(tx, Array.from({ length: 60 }, (_, i) => ({ definition: def, payload: { i }, trigger: "manual", idempotencyKey: uniq() }))),
    );
    await Promise.all(runs.map((r) => waitForRunStatus(r.runId, ["COMPLETED"], 30_000)));
    expect(executions.size).toBe(60);
    expect([...executions.values()].every((n) => n === 1)).toBe(true);
  }, 60_000);

  it("records progress for long runs", async () => {
    const job = defineJob({
      id: `test.progress.${uniq()}`,
      name: "progress",
      scope: "platform",
      payload: z.object({}),
      events: ["test/never"],
      retries: 0,
      handler: async ({ step }) => {
        for (let i = 1; i <= 3; i++) {
          await step.run(`part-${i}`, async () => i);
          await step.progress(i, 3);
        }
      },
    });
    const driver = await driverFor([job as unknown as AnyJobDefinition]);
    const { runId } = await enqueue(driver, job as unknown as AnyJobDefinition, {});
    const run = await waitFor(async () => {
      const r = await getRun(runId);
      return r?.status === "COMPLETED" ? r : null;
    });
    expect([run.progressDone, run.progressTotal]).toEqual([3, 3]);
  });
});
