import { describe, expect, it } from "vitest";
import { withSystem } from "@/lib/db";
import type { JobRunStatus } from "@/lib/db/generated/enums";
import { makeTenant, uniq } from "@/lib/testing/factories";
import { pruneJobRuns } from "./prune-job-runs";

const DAY = 86_400_000;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY);

async function run(tenantId: string | null, jobId: string, status: JobRunStatus, days: number) {
  return withSystem("test: job run", async (tx) => {
    const r = await tx.jobRun.create({
      data: {
        tenantId,
        jobId,
        trigger: "cron:* * * * *",
        idempotencyKey: uniq("k"),
        payload: {},
        status,
        maxAttempts: 4,
        queuedAt: daysAgo(days),
        finishedAt: ["COMPLETED", "FAILED", "CANCELLED"].includes(status) ? daysAgo(days) : null,
      },
    });
    await tx.jobStep.create({ data: { runId: r.id, stepId: "work", tenantId, position: 0, status: "COMPLETED" } });
    return r.id;
  });
}

const left = (jobId: string) => withSystem("test: runs left", async (tx) => (await tx.jobRun.findMany({ where: { jobId }, select: { id: true } })).map((r) => r.id).sort());

describe("job history retention", () => {
  it("deletes finished runs (and their steps) older than 30 days, platform and tenant, never unfinished ones", async () => {
    const t = await makeTenant();
    for (const owner of [null, t.tenantId]) {
      const jobId = `test.prune.${uniq()}`;
      const oldDone = await run(owner, jobId, "COMPLETED", 40);
      const oldFailed = await run(owner, jobId, "FAILED", 31);
      const oldRetrying = await run(owner, jobId, "RETRYING", 40);
      const recent = await run(owner, jobId, "COMPLETED", 10);
      const result = await pruneJobRuns(owner, { batchSize: 1 });
      expect(result.runs).toBeGreaterThanOrEqual(2);
      expect(await left(jobId)).toEqual([oldRetrying, recent].sort());
      expect(await withSystem("test: steps", (tx) => tx.jobStep.count({ where: { runId: { in: [oldDone, oldFailed] } } }))).toBe(0);
    }
  });

  it("deletes delivered outbox events older than 30 days, keeps undelivered ones", async () => {
    const t = await makeTenant();
    const name = `test/${uniq()}`;
    const ids = await withSystem("test: events", async (tx) => {
      const make = (sent: Date | null, created: Date) => tx.outboxEvent.create({ data: { tenantId: t.tenantId, name, data: {}, createdAt: created, sentAt: sent } });
      return Promise.all([make(daysAgo(39), daysAgo(40)), make(null, daysAgo(40)), make(daysAgo(5), daysAgo(5))]);
    });
    expect((await pruneJobRuns(t.tenantId)).events).toBe(1);
    const kept = await withSystem("test: events left", (tx) => tx.outboxEvent.findMany({ where: { name }, select: { id: true } }));
    expect(kept.map((e) => e.id).sort()).toEqual([ids[1]!.id, ids[2]!.id].sort());
  });
});
