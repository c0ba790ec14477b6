import { describe, expect, it } from "vitest";
import { z } from "zod";
import { withSystem } from "@/lib/db";
import { uniq } from "@/lib/testing/factories";
import { defineJob, type AnyJobDefinition } from "../define-job";
import { createRun } from "../runs/create-run";
import { runSchedulerTick, type Enqueue } from "./run-scheduler-tick";

function cronJob(timezone: string): AnyJobDefinition {
  return defineJob({
    id: `test.cron.${uniq()}`,
    name: "cron test",
    scope: "platform",
    payload: z.object({ scheduledAt: z.string() }),
    cron: { expression: "0 0 * * *", timezone },
    retries: 0,
    handler: async () => {},
  }) as unknown as AnyJobDefinition;
}

// Records what the scheduler enqueues, creating real runs so idempotency is the database's.
const enqueue: Enqueue = async (tx, input) => {
  const r = await createRun(tx, input);
  return { runId: r.id, created: r.created };
};

async function scheduledAts(jobId: string): Promise<string[]> {
  const runs = await withSystem("test: cron runs", (tx) => tx.jobRun.findMany({ where: { jobId }, orderBy: { queuedAt: "asc" } }));
  return runs.map((r) => (r.payload as { scheduledAt: string }).scheduledAt).sort();
}

describe("scheduler tick (injected clock)", () => {
  it("fires a Nairobi-midnight schedule at 21:00 UTC, once, and catches up after downtime", async () => {
    const job = cronJob("Africa/Nairobi");
    const tick = (now: string) => runSchedulerTick({ definitions: [job], now: new Date(now), enqueue });

    expect(await tick("2026-04-10T12:00:00Z")).toBe(0); // first tick: the baseline, no backfill
    expect(await tick("2026-04-10T20:59:59Z")).toBe(0);
    expect(await tick("2026-04-10T21:00:01Z")).toBe(1);
    expect(await tick("2026-04-10T21:00:30Z")).toBe(0);
    expect(await tick("2026-04-13T21:30:00Z")).toBe(3); // the scheduler was down for three days
    expect(await scheduledAts(job.id)).toEqual([
      "2026-04-10T21:00:00.000Z",
      "2026-04-11T21:00:00.000Z",
      "2026-04-12T21:00:00.000Z",
      "2026-04-13T21:00:00.000Z",
    ]);
  });

  it("two schedulers ticking at once fire each occurrence once", async () => {
    const job = cronJob("UTC");
    await runSchedulerTick({ definitions: [job], now: new Date("2026-04-10T00:30:00Z"), enqueue });
    const results = await Promise.all(
      Array.from({ length: 4 }, () => runSchedulerTick({ definitions: [job], now: new Date("2026-04-12T00:30:00Z"), enqueue })),
    );
    expect(results.reduce((a, b) => a + b, 0)).toBe(2);
    expect(await scheduledAts(job.id)).toEqual(["2026-04-11T00:00:00.000Z", "2026-04-12T00:00:00.000Z"]);
  });
});
