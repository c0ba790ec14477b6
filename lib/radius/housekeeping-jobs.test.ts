// The housekeeping crons through the local driver and the scheduler: after downtime each missed
// occurrence runs, the first does the work, the catch-up runs find nothing left and complete.
import { afterEach, describe, expect, it } from "vitest";
import { withSystem, withTenant } from "@/lib/db";
import type { AnyJobDefinition } from "@/lib/jobs/define-job";
import type { LocalDriver } from "@/lib/jobs/local/local-driver";
import { pruneJobRunsJob } from "@/lib/jobs/retention.jobs";
import { runSchedulerTick } from "@/lib/jobs/schedule/run-scheduler-tick";
import { startTestDriver, waitFor } from "@/lib/jobs/testing";
import { makeCustomer, makeTenant, uniq } from "@/lib/testing/factories";
import { closeStaleSessionsJob, pruneAccountingJob } from "./radius.jobs";

const drivers: LocalDriver[] = [];
afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.stop()));
});

const DAY = 86_400_000;

describe("housekeeping crons", () => {
  it("stale sessions every 5 minutes, accounting and job history daily, caught up after downtime", async () => {
    const t = await makeTenant();
    const c = await makeCustomer(t.owner);
    const stale = uniq("u");
    const old = uniq("u");
    await withTenant(t.tenantId, async (tx) => {
      await tx.radAcct.create({
        data: { tenantId: t.tenantId, acctsessionid: stale, acctuniqueid: stale, username: c.username, nasipaddress: "127.0.0.1", acctstarttime: new Date(Date.now() - 3600_000), acctupdatetime: new Date(Date.now() - 1800_000) },
      });
      await tx.radAcct.create({
        data: { tenantId: t.tenantId, acctsessionid: old, acctuniqueid: old, username: c.username, nasipaddress: "127.0.0.1", acctstarttime: new Date(Date.now() - 400 * DAY), acctstoptime: new Date(Date.now() - 399 * DAY) },
      });
    });
    const oldRun = await withSystem("test: old run", (tx) =>
      tx.jobRun.create({
        data: { tenantId: t.tenantId, jobId: "test.old", trigger: "manual", idempotencyKey: uniq("k"), payload: {}, status: "COMPLETED", maxAttempts: 1, queuedAt: new Date(Date.now() - 60 * DAY), finishedAt: new Date(Date.now() - 60 * DAY) },
      }),
    );

    const defs = [closeStaleSessionsJob, pruneAccountingJob, pruneJobRunsJob] as unknown as AnyJobDefinition[];
    await withSystem("test: fresh schedules", (tx) => tx.jobSchedule.deleteMany({ where: { jobId: { in: defs.map((d) => d.id) } } }));
    const driver = await startTestDriver(defs);
    drivers.push(driver);
    const enqueue = (tx: Parameters<typeof driver.enqueue>[0], input: Parameters<typeof driver.enqueue>[1]) => driver.enqueue(tx, input);
    const now = Date.now();
    // The scheduler last ticked two days ago (ten minutes ago for the 5-minute job's window).
    await runSchedulerTick({ definitions: defs.slice(1), now: new Date(now - 2 * DAY), enqueue });
    await runSchedulerTick({ definitions: defs.slice(0, 1), now: new Date(now - 10 * 60_000), enqueue });
    expect(await runSchedulerTick({ definitions: defs, now: new Date(now), enqueue })).toBe(6);

    const runs = await waitFor(async () => {
      const rows = await withSystem("test: cron runs", (tx) => tx.jobRun.findMany({ where: { jobId: { in: defs.map((d) => d.id) }, queuedAt: { gte: new Date(now - 60_000) } } }));
      return rows.length === 6 && rows.every((r) => r.status === "COMPLETED") ? rows : null;
    }, 30_000);
    expect(runs.filter((r) => r.jobId === pruneAccountingJob.id)).toHaveLength(2);

    const rows = await withTenant(t.tenantId, (tx) => tx.radAcct.findMany({ where: { acctuniqueid: { in: [stale, old] } } }));
    expect(rows.map((r) => [r.acctuniqueid, r.acctterminatecause])).toEqual([[stale, "Stale-Session"]]);
    expect(await withSystem("test: old run gone", (tx) => tx.jobRun.count({ where: { id: oldRun.id } }))).toBe(0);
  }, 60_000);
});
