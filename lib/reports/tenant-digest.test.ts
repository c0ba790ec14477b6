// The digest from cron to snapshot: one parent run per hour, one child per tenant whose day ended,
// one stored row per tenant and day however often it is built.
import { afterEach, describe, expect, it } from "vitest";
import { withSystem, withTenant } from "@/lib/db";
import type { AnyJobDefinition } from "@/lib/jobs/define-job";
import type { LocalDriver } from "@/lib/jobs/local/local-driver";
import { relayTransactional } from "@/lib/jobs/outbox/relay";
import { runSchedulerTick } from "@/lib/jobs/schedule/run-scheduler-tick";
import { startTestDriver, waitFor } from "@/lib/jobs/testing";
import { makeCustomer, makeTenant } from "@/lib/testing/factories";
import { buildTenantDigest } from "./build-tenant-digest";
import { findTenantsDueForDigest } from "./find-tenants-due-for-digest";
import { localDate } from "./local-day";
import { tenantDigestBuild, tenantDigestFanOut } from "./tenant-digest.jobs";

async function tenantIn(timezone: string) {
  const t = await makeTenant();
  await withTenant(t.tenantId, (tx) => tx.tenant.update({ where: { id: t.tenantId }, data: { timezone } }));
  return t;
}

const drivers: LocalDriver[] = [];
afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.stop()));
});

describe("tenant digest", () => {
  it("a tenant is due once, in the hour its local day ends, whatever its offset", async () => {
    const nairobi = await tenantIn("Africa/Nairobi");
    const kathmandu = await tenantIn("Asia/Kathmandu");
    const stJohns = await tenantIn("America/St_Johns");
    const dueAt = async (iso: string) => (await findTenantsDueForDigest(new Date(iso))).filter((d) => [nairobi.tenantId, kathmandu.tenantId, stJohns.tenantId].includes(d.tenantId));

    expect(await dueAt("2026-07-01T21:00:00Z")).toEqual([{ tenantId: nairobi.tenantId, day: "2026-07-01" }]);
    expect(await dueAt("2026-07-01T19:00:00Z")).toEqual([{ tenantId: kathmandu.tenantId, day: "2026-07-01" }]);
    expect(await dueAt("2026-07-02T03:00:00Z")).toEqual([{ tenantId: stJohns.tenantId, day: "2026-07-01" }]);
    let hits = 0;
    for (let h = 0; h < 24; h++) hits += (await dueAt(new Date(Date.UTC(2026, 6, 1, h)).toISOString())).length;
    expect(hits).toBe(3);
  });

  it("building a day twice keeps one row with the latest counts", async () => {
    const t = await makeTenant();
    await makeCustomer(t.owner);
    const day = localDate(new Date(), "Africa/Nairobi");
    const first = await buildTenantDigest({ tenantId: t.tenantId, day });
    await makeCustomer(t.owner);
    const second = await buildTenantDigest({ tenantId: t.tenantId, day });
    expect(second.id).toBe(first.id);
    expect([first.newCustomers, second.newCustomers, second.customersTotal]).toEqual([1, 2, 2]);
    expect(second.auditEntries).toBeGreaterThanOrEqual(4); // signup (2) + two customers
    expect(await withTenant(t.tenantId, (tx) => tx.tenantDigest.count())).toBe(1);
  });

  it("cron -> one parent run -> one child run per due tenant -> snapshots", async () => {
    // The next UTC hour is local midnight in this zone, so the tenant's "today" is the day that ends.
    const nextHour = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
    const offset = (24 - nextHour.getUTCHours()) % 24;
    const zone = offset <= 14 ? `Etc/GMT-${offset}` : `Etc/GMT+${24 - offset}`;
    const a = await tenantIn(zone);
    const b = await tenantIn(zone);
    await makeCustomer(a.owner);
    const today = localDate(new Date(), zone);

    const defs = [tenantDigestFanOut, tenantDigestBuild] as unknown as AnyJobDefinition[];
    const driver = await startTestDriver(defs);
    drivers.push(driver);
    const enqueue = (tx: Parameters<typeof driver.enqueue>[0], input: Parameters<typeof driver.enqueue>[1]) => driver.enqueue(tx, input);
    await runSchedulerTick({ definitions: defs, now: new Date(nextHour.getTime() - 60_000), enqueue });
    expect(await runSchedulerTick({ definitions: defs, now: new Date(nextHour.getTime() + 1_000), enqueue })).toBe(1);

    const parent = await waitFor(() =>
      withSystem("test: parent", (tx) => tx.jobRun.findFirst({ where: { jobId: tenantDigestFanOut.id, status: "COMPLETED", idempotencyKey: `cron:${nextHour.toISOString()}` } })),
    );
    expect(parent.tenantId).toBeNull();
    const relay = () => relayTransactional((tx, rows) => driver.deliver(tx, rows), 100, { names: driver.eventNames });
    const digests = await waitFor(async () => {
      await relay();
      const rows = await withSystem("test: digests", (tx) => tx.tenantDigest.findMany({ where: { tenantId: { in: [a.tenantId, b.tenantId] } } }));
      return rows.length === 2 ? rows : null;
    }, 30_000);
    expect(digests.map((d) => d.day.toISOString().slice(0, 10))).toEqual([today, today]);
    expect(digests.find((d) => d.tenantId === a.tenantId)?.newCustomers).toBe(1);

    const children = await withSystem("test: children", (tx) =>
      tx.jobRun.findMany({ where: { jobId: tenantDigestBuild.id, tenantId: { in: [a.tenantId, b.tenantId] } } }),
    );
    expect(children).toHaveLength(2);
    // Each ISP sees its own child run and never the platform parent.
    const seenByA = await withTenant(a.tenantId, (tx) => tx.jobRun.findMany());
    expect(seenByA.map((r) => r.jobId)).toEqual([tenantDigestBuild.id]);
  }, 60_000);
});
